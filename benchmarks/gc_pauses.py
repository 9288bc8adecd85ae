"""Pauses of Python's cyclic garbage collector in a serving process: how long each full (generation 2)
collection takes while a busy page is requested again and again, with the objects of start-up frozen
(`gc.freeze()` in wsgi.py, as gunicorn's workers run) and without.

A full collection walks every tracked object. Start-up alone (modules, models, translations, the holiday
calendars) leaves some 270.000 of them: walked every few dozen requests, they made one request in twenty of a
province officer's to-do take 140 ms instead of 40.

Run: .venv/bin/python benchmarks/gc_pauses.py --database-url URL (a data set pages.py built; default its national
SQLite file) [--user unit-syn2017-p01] [--path /todo] [--requests 80]"""

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


class FullCollections:
    """Within `with`: the duration of each full collection (gc.callbacks)."""

    def __init__(self):
        self.durations, self._started = [], None

    def __enter__(self) -> "FullCollections":
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *_exc) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        elif self._started is not None:
            self.durations.append((time.perf_counter() - self._started) * 1000)


def measure(client, path: str, requests: int) -> dict:
    times = []
    with FullCollections() as full:
        for _ in range(requests):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
    durations = full.durations
    return {"median ms": round(statistics.median(times), 1), "slowest ms": round(max(times), 1),
            "full collections": len(durations), "each, ms": round(statistics.mean(durations), 1) if durations else 0.0,
            "tracked objects": len(gc.get_objects())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--user", default="unit-syn2017-p01")
    parser.add_argument("--path", default="/todo")
    parser.add_argument("--requests", type=int, default=80)
    parser.add_argument("--database-url", default=f"sqlite:///{HERE / '.data' / 'national-1-seed2017.sqlite3'}")
    args = parser.parse_args()
    from pages import app_for

    from inspection.demo.kiengiang import DEMO_PASSWORD
    app = app_for(args.database_url)
    gc.collect()  # as wsgi.py does once the app is created
    gc.freeze()
    client = app.test_client()
    client.post("/login", data={"username": args.user, "password": DEMO_PASSWORD})
    for _ in range(3):
        client.get(args.path)
    print(f"{args.path} as {args.user}, {args.requests} requests each")
    print("frozen (as served):", measure(client, args.path, args.requests))
    gc.unfreeze()
    print("not frozen:        ", measure(client, args.path, args.requests))


if __name__ == "__main__":
    main()
