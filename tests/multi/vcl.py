"""deploy/varnish/nashra.vcl in front of several application servers.

The production VCL names one backend. For more than one, its ``backend default`` block is
replaced by one copy per server (same timeouts and probe, another address), a round-robin
director that skips the servers its probes found down, and a retry on the next server when
one fails to answer a GET: a server that dies between two probes loses no reader. The rest
of the production VCL (caching, purging, grace) is kept as it is.
"""

import re

BACKEND = re.compile(r"^backend default \{\n(?P<body>.*?)^\}\n", re.MULTILINE | re.DOTALL)
PORT = re.compile(r'(\.port\s*=\s*")\d+(";)')
HOST = re.compile(r'(\.host\s*=\s*")[^"]*(";)')

DIRECTOR = """import directors;

{backends}

sub vcl_init {{
    new app = directors.round_robin();
{members}
}}

# Before the production vcl_recv, which asks std.healthy(req.backend_hint).
sub vcl_recv {{
    set req.backend_hint = app.backend();
}}

# A server that fails to answer (refused, reset, timed out) is tried no more for this request:
# a GET or HEAD goes to the next one. Posts are never sent twice.
sub vcl_backend_error {{
    if (bereq.retries < {retries} && (bereq.method == "GET" || bereq.method == "HEAD")) {{
        set bereq.http.nashra-failed-backend = beresp.backend.name;
        return (retry);
    }}
}}

sub vcl_backend_fetch {{
{next_backend}    unset bereq.http.nashra-failed-backend;
}}
"""


def cluster_vcl(vcl, servers):
    """Return ``vcl`` with its one backend replaced by ``servers``, a list of (host, port)."""
    match = BACKEND.search(vcl)
    if match is None:
        raise ValueError("the VCL has no `backend default { … }` block to replace")
    body = match.group("body")
    names = [f"app_{number}" for number in range(1, len(servers) + 1)]
    backends = []
    for name, (host, port) in zip(names, servers, strict=True):
        server = HOST.sub(rf"\g<1>{host}\2", PORT.sub(rf"\g<1>{port}\2", body, count=1), count=1)
        backends.append(f"backend {name} {{\n{server}}}")
    next_backend = "".join(
        f'    {"if" if index == 0 else "elsif"} (bereq.http.nashra-failed-backend == "{name}") '
        f"{{\n        set bereq.backend = {names[(index + 1) % len(names)]};\n    }}\n"
        for index, name in enumerate(names)
    )
    director = DIRECTOR.format(
        backends="\n\n".join(backends),
        members="\n".join(f"    app.add_backend({name});" for name in names),
        retries=len(names) - 1,
        next_backend=next_backend,
    )
    return vcl[: match.start()] + director + vcl[match.end() :]
