"""A partner's feed server on 127.0.0.1 (http.server in a thread), and the wire desk's people."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nashra.home.services import get_or_create_section
from nashra.newsroom import roles
from nashra.newsroom.services import edition_groups, section_groups
from nashra.newsroom.tests.factories import make_member


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0  # seconds before answering
    drip: float = 0  # seconds between bytes of the body
    length: bool = True  # send Content-Length


class FeedServer:
    """Serves canned answers by path and remembers every request's path and headers."""

    def __init__(self):
        self.answers = {}
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                answer = server.answers.get(self.path, Answer(404, b"not here"))
                if callable(answer):
                    answer = answer(self.headers)
                time.sleep(answer.delay)
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                if answer.length:
                    self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                try:
                    if answer.drip:
                        for byte in answer.body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(answer.drip)
                    else:
                        self.wfile.write(answer.body)
                except OSError:
                    pass  # the client gave up, as it should

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self):
        return self.httpd.server_address[1]

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self, path, body=b"", content_type="application/rss+xml; charset=utf-8", **kwargs):
        headers = {"Content-Type": content_type, **kwargs.pop("headers", {})}
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.answers[path] = Answer(body=body, headers=headers, **kwargs)
        return self.url(path)

    def paths(self):
        return [path for path, _headers in self.requests]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server():
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def culture(en_home):
    return get_or_create_section(en_home, "culture", "Culture")[0]


@pytest.fixture
def chief(en_home):
    return make_member("chief", roles.CHIEF_EDITORS, edition_groups(en_home))


@pytest.fixture
def writer_ar(ar_news):
    return make_member("writer-ar", roles.WRITERS, section_groups(ar_news)[0])


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login
