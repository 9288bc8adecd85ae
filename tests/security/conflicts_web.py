"""What the conflict tests share: forms read off the real pages, and a browser-like client (cookies, no
redirects followed) for a server running in a thread."""

import html
import http.cookiejar
import threading
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

CONFLICT = "Bản ghi đã được người khác sửa sau khi bạn mở biểu mẫu"
LOST_RACE = "Bản ghi này vừa được lưu bởi một yêu cầu khác"
ALREADY_SAVED = "Biểu mẫu này đã được gửi và lưu trước đó"


class _Forms(HTMLParser):
    """Every <form> of a page with the values a browser would send (first submit button excluded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._textarea, self._select, self._option = [], None, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is None or not attrs.get("name"):
            self._option_start(tag, attrs)
        elif tag == "input":
            self._input(attrs)
        elif tag == "textarea":
            self._textarea, self._form["fields"][attrs["name"]] = attrs["name"], ""
        elif tag == "select":
            self._select = attrs["name"]
            self._form["fields"].setdefault(self._select, None)

    def _option_start(self, tag, attrs):
        if tag == "option" and self._select is not None:
            fields = self._form["fields"]
            if fields[self._select] is None or "selected" in attrs:
                fields[self._select] = attrs.get("value", "")

    def _input(self, attrs):
        kind = attrs.get("type", "text")
        if kind in ("submit", "button", "file"):
            return
        if kind in ("checkbox", "radio") and "checked" not in attrs:
            return
        self._form["fields"][attrs["name"]] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def form_with(page: str, field: str) -> dict:
    """The fields of the page's form that has `field` (as a browser would send them)."""
    parser = _Forms()
    parser.feed(page)
    for form in parser.forms:
        if field in form["fields"]:
            return {name: value or "" for name, value in form["fields"].items()}
    raise AssertionError(f"no form with {field!r} on the page")


def text_of(page: str) -> str:
    return html.unescape(page)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser: its own cookie jar (a real logged-in session); redirects are not followed."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect())

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                return response.status, response.read().decode(), response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers.get("Location", "")

    def log_in(self, username: str, password: str) -> "Browser":
        status, _page, _where = self.request("/login", {"username": username, "password": password})
        assert status == 302, status
        return self


def all_at_once(count: int, work) -> list:
    """Run work() in `count` threads released together; their results."""
    barrier, results = threading.Barrier(count), [None] * count

    def run(index):
        barrier.wait()
        results[index] = work()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
