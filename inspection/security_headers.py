"""Security headers on every response, from one after-request hook (no extension: five headers do not need
one). Pages get a Content-Security-Policy that allows only the portal's own scripts, styles and images (no
inline script or style, no framing, forms posting only here); a file download (any response sent as an
attachment, see inspection/downloads.py) gets a policy that runs nothing and sandboxes whatever opens it."""

from flask import Flask, Response, current_app

#: pages: the templates hold no inline script, event handler or style attribute (tests/security walks them)
PAGE_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # Bootstrap draws its icons (menu, select arrow, close) as data: SVG
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
#: downloads: a file opened from the portal's origin (an HTML or SVG "evidence") can run nothing
DOWNLOAD_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"


def install_security_headers(app: Flask) -> None:
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers["Content-Security-Policy"] = DOWNLOAD_POLICY if is_download(response) else PAGE_POLICY
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "same-origin"
    if current_app.config["SESSION_COOKIE_SECURE"]:
        # only behind HTTPS: the secure-cookie setting says the portal is served that way
        headers["Strict-Transport-Security"] = f"max-age={int(current_app.config['HSTS_MAX_AGE'])}"
    return response


def is_download(response: Response) -> bool:
    return response.headers.get("Content-Disposition", "").lower().startswith("attachment")
