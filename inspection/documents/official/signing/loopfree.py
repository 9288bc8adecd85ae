"""pyHanko's synchronous calls start an event loop (asyncio.run), which fails in a thread that already runs one
(a worker that also drives an async client, Playwright's sync API in the same process): there, run them in a
thread of their own."""

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run_outside_loop(function, /, *args, **kwargs):
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(function, *args, **kwargs).result()
