"""What a hostile or careless client sends: values, query strings, paths, headers and bodies."""

import re
from urllib.parse import quote

from hypothesis import strategies as st

from nashra.pages.forms import ContactForm
from nashra.search.forms import SearchForm

# Parameters some view reads: the search form's, the listings' page, the feeds' content,
# the ninjs API's page size and cursors.
PARAMETERS = [
    *SearchForm.base_fields,
    "page",
    "from",
    "content",
    "return_url",
    "next",
    "limit",
    "before",
    "after",
]
FORM_FIELDS = [
    *ContactForm.base_fields,
    "password",
    "username",
    "return_url",
    "csrfmiddlewaretoken",
]

# Values that have broken web applications before, each sent as it is written.
CLASSIC = [
    "",
    "0",
    "-1",
    "1",
    "2",
    "3",
    "99999999999999999999999999999",
    "-99999999999999999999999999999",
    "9223372036854775808",
    "1e309",
    "NaN",
    "inf",
    "0x10",
    "1.5",
    "٣",  # an Arabic-Indic digit
    "１",  # a full-width digit
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "10000-01-01",
    "2024-02-30",
    "-2024-01-01",
    "1970-01-01T00:00:00Z",
    "summary",
    "newest",
    "news",
    "\x00",
    "a\x00b",
    "\u202eطبع\u202c",  # right-to-left override
    "\u200f\u200e\u061c",  # direction marks
    "اليمن",
    "الحُدَيْدَة",
    "😀" * 50,
    "e\u0301" * 100,  # combining accents
    "\ufeff",  # a byte order mark
    "\udcff",  # a lone surrogate, as Python's surrogateescape would pass it on
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "{{ 7*7 }}{% debug %}",
    "' OR '1'='1' --",
    '"; DROP TABLE wagtailcore_page; --',
    'NEAR("a" "b") AND title:x*',
    "../../../../etc/passwd",
    "//evil.example/",
    "javascript:alert(1)",
    "http://evil.example/\r\nSet-Cookie: x=1",
    "%",
    "%00",
    "%ff",
    "a" * 5000,
    "١" * 3000,
    " " * 300,
]

# Raw bytes of a query string or path, already percent-encoded (or deliberately not).
RAW = ["%00", "%ff%fe", "%c0%af", "%e2%80%ae", "%", "%zz", "%%", "&&", "==", "+", ";", "%2F", "#"]


def encode(value):
    """Percent-encode a value; a lone surrogate goes as the byte it stands for."""
    return quote(value.encode("utf-8", "surrogateescape"), safe="")


texts = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]) | st.sampled_from("\x00\u202e\u200f"),
    max_size=60,
)
values = st.one_of(
    st.sampled_from(CLASSIC),
    st.integers().map(str),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.dates().map(str),
    texts,
)
names = st.one_of(st.sampled_from(PARAMETERS), texts)


@st.composite
def query_strings(draw, keys=names):
    """Return a raw query string: repeated and array parameters, encoded or left raw."""
    parts = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        key = draw(keys)
        if draw(st.booleans()):
            key += draw(st.sampled_from(["[]", "[0]", "[a][b]"]))
        if draw(st.integers(min_value=0, max_value=9)) == 0:
            parts.append(draw(st.sampled_from(RAW)))
        else:
            value = draw(values)
            if draw(st.integers(min_value=0, max_value=5)) == 0:
                parts.append(f"{key}={value}".encode("utf-8", "surrogateescape").decode("latin-1"))
            else:
                parts.append(f"{encode(key)}={encode(value)}")
    return "&".join(parts)


NUMBERS = [
    "0",
    "-1",
    "00001",
    "99999999999999999999999",
    "9223372036854775808",
    "2147483648",
    "9" * 5000,
]


@st.composite
def mutated_paths(draw, path):
    """Return the path, or a hostile variation of it: a segment or a number replaced, added."""
    segment = draw(
        st.one_of(
            st.sampled_from(CLASSIC).map(encode),
            st.sampled_from(RAW),
            texts.map(encode),
        )
    )
    segments = path.strip("/").split("/")
    where = draw(st.integers(min_value=0, max_value=len(segments) - 1))
    replaced = "/" + "/".join([*segments[:where], segment, *segments[where + 1 :]]) + "/"
    numbers = re.sub(r"[0-9]+", lambda _: draw(st.sampled_from(NUMBERS)), path)
    stem = path.rstrip("/")
    return draw(
        st.sampled_from(
            [
                path,
                replaced,
                numbers,
                f"{path}{segment}/",
                f"{stem}{segment}/",
                f"{stem}{segment}",
                path.replace("/", "//", 1),
                f"{stem}/./../{segment}",
                path + "feed/" + segment + "/",
                path + "?",
            ]
        )
    )


header_values = st.one_of(
    st.sampled_from(CLASSIC),
    texts,
    st.sampled_from(
        [
            "ar",
            "en-GB,en;q=0.9,ar;q=0.8",
            "*;q=999999999999",
            "xx-" + "a" * 300,
            "Mon, 01 Jan 0001 00:00:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Thu, 01 Jan 1970 00:00:00 GMT",
            '"abc", W/"def", *',
            "1, 2.2.2.2, ::1, [2001:db8::1]:443, unknown",
            "sessionid=forged; csrftoken=\x00; django_language=xx; messages=garbage",
            "bytes=0-99999999999999999999",
        ]
    ),
).map(lambda value: value.encode("utf-8", "surrogateescape").decode("latin-1"))
HEADERS = [
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_NONE_MATCH",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_USER_AGENT",
    "HTTP_COOKIE",
    "HTTP_REFERER",
    "HTTP_DNT",
    "HTTP_RANGE",
    "HTTP_ACCEPT",
    "HTTP_HOST",
]
headers = st.lists(st.tuples(st.sampled_from(HEADERS), header_values), max_size=4).map(tuple)


# A CSRF cookie and the same secret in the header, as a page's own form would send them: a
# post without them stops at the CSRF check and never reaches the form.
CSRF_SECRET = "h0st1leH0st1leh0st1leH0st1leh0st"
CSRF_HEADERS = (("HTTP_COOKIE", f"csrftoken={CSRF_SECRET}"), ("HTTP_X_CSRFTOKEN", CSRF_SECRET))

# Proper answers to the forms (the test site's password is "x"), so that a post gets past
# validation and reaches what a form does once it is valid.
PROPER = {
    "name": "Reader",
    "email": "reader@example.org",
    "subject": "A question",
    "message": "A message.",
    "password": "x",
    "return_url": "/en/",
    "username": "reader",
}


@st.composite
def form_bodies(draw):
    """Return a url-encoded form: some fields proper, some hostile (a field's last value wins)."""
    proper = draw(st.lists(st.sampled_from(sorted(PROPER)), unique=True))
    fields = [f"{name}={encode(PROPER[name])}" for name in proper]
    hostile = draw(query_strings(keys=st.one_of(st.sampled_from(FORM_FIELDS), texts)))
    if hostile:
        fields.insert(draw(st.integers(min_value=0, max_value=len(fields))), hostile)
    return "&".join(fields)


@st.composite
def bodies(draw):
    """Return (content type, body) of a form post, proper or not."""
    kind = draw(st.sampled_from(["form", "form", "form", "raw", "json", "multipart"]))
    if kind == "form":
        return "application/x-www-form-urlencoded", draw(form_bodies()).encode("latin-1")
    if kind == "raw":
        return draw(st.sampled_from(["application/x-www-form-urlencoded", "text/plain", ""])), (
            draw(st.binary(max_size=200))
        )
    if kind == "json":
        return "application/json", b'{"name": [1, {"a": null}], "\\u0000": 1e999}'
    boundary = "x" * draw(st.integers(min_value=1, max_value=70))
    field = draw(st.sampled_from(FORM_FIELDS))
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="../../{draw(texts)}"\r\nContent-Type: image/jpeg\r\n\r\n'
        f"{draw(texts)}\r\n--{boundary}--\r\n"
    )
    broken = draw(st.booleans())
    return f"multipart/form-data; boundary={'' if broken else boundary}", body.encode(
        "utf-8", "surrogateescape"
    )
