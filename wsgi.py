"""Entry point for gunicorn ("wsgi:app") and `flask --app wsgi`."""

import gc

from inspection import create_app

app = create_app()
# What start-up loaded (modules, models, translations, the holiday calendars: some 270.000 objects) lives as long
# as the process. Frozen, Python's cyclic collector no longer walks it at each full collection: a busy page's
# request in twenty paid 100 ms for that walk (benchmarks/gc_pauses.py). Start-up's own garbage is collected
# first, or freezing would keep it for good.
gc.collect()
gc.freeze()
