"""A member of the newsroom at one instance's Wagtail admin, as a browser without JavaScript
would be: a session cookie, the CSRF token of each form, and the form's own fields posted
back with what the editor changed."""

import json
import secrets
import urllib.error
import urllib.request
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urlencode

import lxml.html


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand back a redirect as it came: where the admin sends the editor is part of the answer."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Editor:
    def __init__(self, base):
        self.base = base
        # Production's session and CSRF cookies are Secure; the instance is reached over plain
        # HTTP on loopback here, where a browser behind TLS would send them.
        self.cookies = CookieJar(DefaultCookiePolicy(secure_protocols=("https", "wss", "http")))
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects
        )

    def request(self, path, data=None, content_type=None):
        """Return (status, headers, text) of a GET, or of a POST of ``data`` (bytes)."""
        request = urllib.request.Request(self.base + path, data=data)
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def get(self, path):
        return self.request(path)

    def post(self, path, fields, files=None):
        """Post ``fields`` (pairs) and ``files`` ({name: (filename, bytes, type)})."""
        if files:
            body, content_type = multipart(fields, files)
        else:
            body = urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        return self.request(path, body, content_type)

    def form(self, path, xpath="//form[@method='post' or @method='POST']"):
        """Return the form at ``path`` (an lxml element): ``form_fields(form)`` are its fields."""
        status, _headers, html = self.get(path)
        assert status == 200, f"GET {path}: {status}"
        found = lxml.html.fromstring(html).xpath(xpath)
        assert found, f"no {xpath} at {path}"
        return found[0]

    def sign_in(self, username, password):
        fields = form_fields(self.form("/admin/login/"))
        fields.update(username=username, password=password)
        status, headers, html = self.post("/admin/login/", pairs(fields))
        assert status == 302, f"sign-in refused ({status}): {html[:500]}"
        return headers["Location"]

    def upload(self, kind, title, filename, content, content_type):
        """Add an image or a document (``kind``: "images", "documents") through the admin's
        upload form; return its id."""
        path = f"/admin/{kind}/add/"
        fields = form_fields(self.form(path, "//form[@enctype='multipart/form-data']"))
        fields["title"] = title
        fields.pop("file", None)
        status, _headers, html = self.post(
            path, pairs(fields), {"file": (filename, content, content_type)}
        )
        assert status == 302, f"upload refused ({status}): {_errors(html)}"
        status, _headers, html = self.get(f"/admin/{kind}/?" + urlencode({"q": title}))
        assert status == 200
        links = lxml.html.fromstring(html).xpath(f"//a[contains(@href, '/admin/{kind}/')]/@href")
        ids = [int(part) for href in links for part in href.split("/") if part.isdigit()]
        assert ids, f"the library lists no {title!r}"
        return max(ids)

    def add_article(self, section_id, title, **changes):
        """Write a new article in a section, crediting the first source the form offers, and
        publish it; return its slug."""
        path = f"/admin/pages/add/news/articlepage/{section_id}/"
        form = self.form(path, "//form[@id='page-edit-form']")
        fields = form_fields(form)
        fields["sources"] = form.xpath(".//select[@name='sources']/option/@value")[:1]
        slug = f"multi-{secrets.token_hex(4)}"
        fields.update(title=title, slug=slug, **changes, **empty_stream(form, "body"))
        fields["action-publish"] = "action-publish"
        status, _headers, html = self.post(path, pairs(fields))
        assert status == 302, f"the article was not published ({status}): {_errors(html)}"
        return slug

    def publish_title(self, page_id, title):
        """Change a page's title in its edit form and publish it."""
        path = f"/admin/pages/{page_id}/edit/"
        form = self.form(path, "//form[@id='page-edit-form']")
        fields = form_fields(form)
        fields.update(title=title, **empty_stream(form, "body"))
        fields["action-publish"] = "action-publish"
        status, _headers, html = self.post(path, pairs(fields))
        assert status == 302, f"the page was not published ({status}): {_errors(html)}"


def form_fields(form):
    """The successful controls of an HTML form, as a browser would submit them (no files)."""
    fields = {}

    def add(name, value):
        if name in fields:  # a second checkbox or option of one name: both are sent
            kept = fields[name] if isinstance(fields[name], list) else [fields[name]]
            fields[name] = [*kept, value]
        else:
            fields[name] = value

    for control in form.xpath(".//input | .//select | .//textarea"):
        name = control.get("name")
        if not name or control.get("disabled") is not None:
            continue
        kind = (control.get("type") or "text").lower()
        if control.tag == "input" and kind in ("submit", "button", "reset", "image", "file"):
            continue
        if kind in ("checkbox", "radio") and control.get("checked") is None:
            continue
        if control.tag == "select":
            chosen = control.xpath(".//option[@selected]")
            if not chosen and control.get("multiple") is None:
                chosen = control.xpath(".//option")[:1]  # a browser sends the first
            for option in chosen:
                add(name, option.get("value", option.text_content()))
        elif control.tag == "textarea":
            # A browser drops the line break that opens a textarea's content; lxml keeps it.
            add(name, (control.text or "").removeprefix("\n"))
        else:
            add(name, control.get("value", "on" if kind in ("checkbox", "radio") else ""))
    return fields


def empty_stream(form, name):
    """The fields the admin's JavaScript posts for a StreamField, here for an empty one.

    A StreamField is drawn by script from the value in its element's data attribute; this
    client posts only stories that have no blocks, and says so rather than lose any.
    """
    (element,) = form.xpath(f".//*[@id='{name}'][@data-w-block-arguments-value]")
    value, _errors = json.loads(element.get("data-w-block-arguments-value"))
    assert value == [], f"{name} holds blocks, which this client cannot post back"
    return {f"{name}-count": "0"}


def pairs(fields):
    """The fields as the pairs a form posts, a list value giving one pair per value."""
    return [
        (name, item)
        for name, value in fields.items()
        for item in (value if isinstance(value, list) else [value])
    ]


def multipart(fields, files):
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields:
        heading = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{heading}\r\n\r\n{value}\r\n".encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _errors(html):
    document = lxml.html.fromstring(html)
    messages = document.xpath(
        "//*[contains(@class, 'error-message') or contains(@class, 'help-critical')]"
    )
    return " | ".join(" ".join(m.text_content().split()) for m in messages) or html[:800]
