"""A real server for tests that need one: the application served by werkzeug in a thread, one thread per
request, as production serves it (browser tests, parallel logins, races)."""

import threading

from werkzeug.serving import WSGIRequestHandler, make_server


class QuietRequestHandler(WSGIRequestHandler):
    """No access line per request (werkzeug's log): a failing test's output shows the failure, not every request."""

    def log_request(self, *args, **kwargs) -> None:
        pass


class LiveServer:
    """`with LiveServer(app) as base_url: …` serves `app` on a free port until the block ends."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietRequestHandler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_port}"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(timeout=10)
