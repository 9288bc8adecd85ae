"""How long the ZIP guard takes to refuse each kind of bomb (the tests check the refusal and its memory bound;
time belongs here, measured, not asserted). Median of --repeat runs.

Usage: python benchmarks/bombs.py [--repeat 5]"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from inspection.files import zipguard  # noqa: E402
from tests.security.bombs_build import GIB, MIB, opendocument_bomb, real_xlsx, xlsx_bomb  # noqa: E402

LIMITS = zipguard.ZipLimits(max_members=2000, max_inflated=300 * MIB, max_ratio=100)
HEADER = ["Mã đơn vị", "Tên đơn vị"]


def bombs() -> dict[str, bytes]:
    return {"OpenDocument, 1 GiB mimetype": opendocument_bomb(GIB),
            "OpenDocument, sizes that lie (1 MiB declared)": opendocument_bomb(GIB, declared=MIB),
            ".xlsx, one 1 GiB cell": xlsx_bomb(real_xlsx(HEADER), HEADER, ["KG", "x"])}


def refusal_seconds(data: bytes) -> float:
    started = time.perf_counter()
    try:
        zipguard.check(data, LIMITS)
    except zipguard.UnsafeArchive:
        return time.perf_counter() - started
    raise AssertionError("not refused")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    print(f"{'Bomb':<50} {'size':>8} {'median s':>9}")
    for name, data in bombs().items():
        median = statistics.median(refusal_seconds(data) for _ in range(repeat))
        print(f"{name:<50} {len(data) / MIB:>6.1f}MB {median:>9.3f}")


if __name__ == "__main__":
    main()
