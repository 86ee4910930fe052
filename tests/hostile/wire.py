"""Send a request through the whole WSGI application, as gunicorn hands it over.

Through nashra/wsgi.py's application (the page cache's door included), not the test client:
what a server passes on is bytes, so PATH_INFO is the percent-decoded path read as Latin-1
and QUERY_STRING is left as it came. An exception in a view becomes the 500 a reader would
get; its traceback is kept for the failure message.
"""

import io
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from django.core.signals import got_request_exception, request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from nashra.caching.wsgi import PageCacheApplication


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes
    error: str  # the traceback of a view's exception, or ""


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # percent-encoded
    query: str = ""  # raw, as sent
    headers: tuple = ()  # (WSGI name, value) pairs: ("HTTP_ACCEPT_LANGUAGE", "ar")
    body: bytes = b""
    content_type: str = ""

    def __str__(self):
        query = f"?{self.query}" if self.query else ""
        headers = "".join(f"\n  {name}: {value!r}" for name, value in self.headers)
        body = f"\n  body ({self.content_type}): {self.body[:300]!r}" if self.body else ""
        return f"{self.method} {self.path}{query}{headers}{body}"


@contextmanager
def application():
    """Yield the WSGI application; the test's transaction survives its requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield PageCacheApplication(get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def send(app, request):
    """Return the Answer of the application to the request."""
    environ = {
        "REQUEST_METHOD": request.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote_to_bytes(request.path).decode("latin-1"),
        "QUERY_STRING": request.query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "203.0.113.50",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(request.body),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if request.body or request.method in {"POST", "PUT", "PATCH"}:
        environ["CONTENT_LENGTH"] = str(len(request.body))
        environ["CONTENT_TYPE"] = request.content_type
    environ.update(request.headers)
    errors = []

    def keep(sender, request=None, **kwargs):
        errors.append(traceback.format_exc())

    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(headers)

    got_request_exception.connect(keep)
    try:
        body = app(environ, start_response)
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
    finally:
        got_request_exception.disconnect(keep)
    return Answer(answer["status"], answer["headers"], content, "\n".join(errors))
