# ruff: noqa: S603, S310 -- a local tool running our own commands against loopback URLs
"""`make bench`: Nashra under load as in production, beside stock Wagtail and a static ceiling.

Builds (or reuses) a large archive, serves it with production settings under gunicorn, and
runs wrk against six pages three ways -- uncached, app-cache hit, through Varnish -- plus a
cold crawl of distinct articles (the caches empty, as a search engine reads the archive),
stock Wagtail serving a bare one-field page with the same words (nashra.baseline), and nginx
serving a saved copy of the article page. Then times publish-to-visible through Varnish under
load. Then the live phase: a live page with 2,000 updates (``manage.py bench_live``), its
newest updates (``updates/``) polled by 1,000 readers through Varnish while an editor posts
an update every 5 s, each post timed to its appearance in Varnish's answer; nginx serving a
saved copy of those updates as the ceiling; and the queries and weight of the live page's
first render with 2,000 updates and with 20. Reads each worker's memory, prints one table
with each figure's ratio to stock Wagtail and to nginx, and the targets met, and writes it to
<var>/bench-<db>.md.

The stack: PostgreSQL and Redis when both answer on 127.0.0.1 (database ``nashra_bench``,
made if missing; Redis database 3), as production runs; else SQLite and each process's own
memory. ``BENCH_STACK=sqlite`` asks for the latter; ``DATABASE_URL`` / ``REDIS_URL`` name
others. Every run uses a cache key prefix of its own, so it starts with the caches empty.

Environment: ARTICLES (100000), BENCH_SECONDS (10 per row), BENCH_CRAWL (6000 addresses
offered to the cold crawl, each read at most once), BENCH_PUBLISHES (5), BENCH_SEARCH (the
search word, "minister"), BENCH_VCL (deploy/varnish/nashra.vcl), BENCH_ONLY (``live``: the
live phase alone, with the servers it needs, e.g. ``ARTICLES=2000 BENCH_ONLY=live make
bench``). Ports 18010-18030 on loopback.
"""

import gzip
import json
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from nashra.caching.varnishd import params as varnishd_params  # noqa: E402  the production one


def _answers(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


STACK = os.environ.get("BENCH_STACK", "auto")
if os.environ.get("DATABASE_URL"):
    DATABASE_URL = os.environ["DATABASE_URL"]
    REDIS_URL = os.environ.get("REDIS_URL", "")
elif STACK != "sqlite" and _answers(5432) and _answers(6379):
    DATABASE_URL = "postgres://postgres@127.0.0.1:5432/nashra_bench"
    REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3"
else:
    DATABASE_URL = REDIS_URL = ""
VENDOR = "postgresql" if DATABASE_URL.startswith(("postgres", "pgsql")) else "sqlite"
DEFAULT_VAR = ROOT / "var" / ("bench" if VENDOR == "sqlite" else f"bench-{VENDOR}")
VAR = Path(os.environ.get("NASHRA_VAR_DIR", DEFAULT_VAR)).resolve()
DATABASE_URL = DATABASE_URL or f"sqlite:///{VAR / 'archive.sqlite3'}"
PY = sys.executable
ARTICLES = int(os.environ.get("ARTICLES", "100000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
PUBLISHES = int(os.environ.get("BENCH_PUBLISHES", "5"))
CRAWL = int(os.environ.get("BENCH_CRAWL", "6000"))
VCL = Path(os.environ.get("BENCH_VCL", ROOT / "deploy" / "varnish" / "nashra.vcl"))
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
WRK_SCRIPT = ROOT / "scripts" / "wrk-report.lua"
WRK_CRAWL_SCRIPT = ROOT / "scripts" / "wrk-crawl.lua"
WRK_READERS_SCRIPT = ROOT / "scripts" / "wrk-readers.lua"
WRK = shutil.which("wrk") or "/usr/bin/wrk"
WRK_THREADS = 2  # as many as the cores; wrk and the servers share them
# Every row asks for gzip, as browsers do: what a reader receives, and what Varnish stores.
WRK_HEADERS = ["-H", "Accept-Encoding: gzip"]
PORT_UNCACHED, PORT_CACHED, PORT_BASELINE = 18010, 18011, 18012
PORT_VARNISH, PORT_NGINX = 18020, 18030
PORT_VARNISH_PURGE = 18023  # Varnish's purge listener, as in production (deploy/varnish)
CONNECTIONS = {
    "uncached": 16,
    "cold crawl": 16,
    "stock Wagtail": 16,
    "app cache": 64,
    "Varnish": 200,
    "nginx static": 200,
}
BASELINE_HOST = "baseline.localhost"  # the bare page's own site (manage.py baseline_page)
VISIBLE_WITHIN = 30  # seconds a publish may take to show before we call it lost
PAGES = ["home", "section", "topic", "article", "search", "feed"]
ONLY = os.environ.get("BENCH_ONLY", "")
if ONLY not in ("", "live"):
    raise SystemExit(f"BENCH_ONLY={ONLY}: only `live` (the live phase alone) is known")
# The live phase: a big day's readers, each with the live page open, polling its updates.
LIVE_CONNECTIONS = 1000
LIVE_POLL_MS = 10_000  # each reader's page asks again every 10 s (NASHRA_LIVE_POLL_SECONDS)
LIVE_SECONDS = max(SECONDS, 30)  # the readers' run: three polls each at least
LIVE_POST_EVERY = 5  # seconds between an editor's updates
LIVE_VISIBLE_MS = 2000  # the target for post-to-visible
PAGE_WEIGHT_KB = 100  # the page-weight budget, gzipped
# wrk, Varnish and nginx each hold LIVE_CONNECTIONS sockets and more.
OPEN_FILES = 8 * LIVE_CONNECTIONS

ENV = {
    **os.environ,
    "NASHRA_VAR_DIR": str(VAR),
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    # This run's own keys: the caches start empty, and nothing of another run is read.
    "CACHE_KEY_PREFIX": f"bench{int(time.time())}",
    "DJANGO_SETTINGS_MODULE": "nashra.settings.production",
    "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": f"127.0.0.1,localhost,{BASELINE_HOST}",
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
    "PYTHONUNBUFFERED": "1",
    # Production refuses a mail backend that would print password-reset links; none is sent.
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    # Every publish (the app's own and bench_publish's) purges the benchmark's Varnish, on its
    # purge listener.
    "VARNISH_URL": f"http://127.0.0.1:{PORT_VARNISH_PURGE}",
}
BUILD_ENV = {**ENV, "DJANGO_SETTINGS_MODULE": "nashra.settings.bench"}
# Building the archive purges nothing: no Varnish is running yet.
ARCHIVE_ENV = {**BUILD_ENV, "VARNISH_URL": ""}
LOAD_BEFORE = os.getloadavg()[0]
CHILDREN = []  # every process started here, stopped in stop_all()


def say(message):
    print(f"bench: {message}", flush=True)


def raise_open_files(needed=OPEN_FILES):
    """Let the children (wrk, Varnish, nginx) each hold LIVE_CONNECTIONS sockets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return
    wanted = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    say(f"open files: soft limit raised from {soft} to {wanted}")
    if wanted < needed:
        say(f"open files: the hard limit ({hard}) is under {needed}; expect connect errors")


def manage(*args, env=ENV, capture=False):
    """Run a management command; return its output when captured."""
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout


def start(name, command, env=ENV):
    """Start a child in its own process group, its output in var/bench/<name>.log."""
    log = open(VAR / f"{name}.log", "w")  # noqa: SIM115 -- kept open for the child's life
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    process.name = name
    CHILDREN.append(process)
    return process


def stop(process):
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass
    if process in CHILDREN:
        CHILDREN.remove(process)


def stop_all():
    for process in reversed(CHILDREN[:]):
        stop(process)


def fetch(url, headers=None, timeout=60):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.read()


def wait_until_up(process, url, seconds=60, headers=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.name} stopped; see {VAR / (process.name + '.log')}")
        try:
            fetch(url, headers=headers, timeout=5)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise SystemExit(f"{process.name} did not answer {url} within {seconds} s")


# -- the archive --------------------------------------------------------------------------


def ensure_database():
    """Make the PostgreSQL database named by DATABASE_URL if the server has none of that name."""
    if VENDOR != "postgresql":
        return
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[-1].split("?")[0]
    server = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        known = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not known.fetchone():
            say(f"making the database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def build_archive():
    ensure_database()
    manage("migrate", "--noinput", "-v0", env=ARCHIVE_ENV)
    live = int(
        manage(
            "shell",
            "-v0",
            "-c",
            "from nashra.news.models import ArticlePage; print(ArticlePage.objects.live().count())",
            env=BUILD_ENV,
            capture=True,
        )
    )
    if live >= ARTICLES:
        say(f"reusing the archive of {live:,} live articles ({VENDOR})")
        return
    say(f"building an archive of {ARTICLES:,} articles ({VENDOR})")
    manage("load_demo", "--no-admin", env=ARCHIVE_ENV)
    manage(
        "generate_archive", "--clear", "--articles", str(ARTICLES), "--seed", "1", env=ARCHIVE_ENV
    )


PICK_TARGETS = """
import json
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from nashra.news.models import ArticlePage
from nashra.topics.models import Topic
from wagtail.models import Locale

en = Locale.objects.get(language_code="en")
# A plain article, not a live page (a subclass, with its updates): the demo's newest is one.
plain = ContentType.objects.get_for_model(ArticlePage)
article = (
    ArticlePage.objects.live().filter(locale=en, content_type=plain).exclude(topics=None)
    .order_by("-first_published_at", "-pk").first()
)
section = article.get_parent().specific
topic = Topic.objects.filter(locale=en, articlepage__isnull=False).annotate(
    n=Count("articlepage")).order_by("-n").first()
# Paths (get_url_parts): once the stock-Wagtail page has its own site, .url is a full address.
print(json.dumps({
    "article_id": article.pk,
    "article": article.get_url_parts()[2],
    "headline": article.title,
    "section": section.get_url_parts()[2],
    "topic": f"/en/topics/{topic.slug}/",
}))
"""


CRAWL_PATHS = """
import random
from nashra.news.models import ArticlePage

ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
random.Random(1).shuffle(ids)
for article in ArticlePage.objects.filter(pk__in=ids[:{count}]).specific().iterator():
    print(article.get_url_parts()[2])
"""


def crawl_paths():
    """Write CRAWL distinct article addresses, in a random order of both editions, to a file."""
    paths = manage("shell", "-v0", "-c", CRAWL_PATHS.format(count=CRAWL), capture=True).split()
    listing = VAR / "crawl.txt"
    listing.write_text("\n".join(paths) + "\n")
    return listing, len(paths)


def pick_targets():
    """Return the pages to load: the newest English article (what a spike hits), its section,
    the busiest topic, the home page, a search and the edition's feed."""
    picked = json.loads(manage("shell", "-v0", "-c", PICK_TARGETS, capture=True))
    word = os.environ.get("BENCH_SEARCH", "minister")
    return {
        "urls": {
            "home": "/en/",
            "section": picked["section"],
            "topic": picked["topic"],
            "article": picked["article"],
            "search": f"/en/search/?q={word}",
            "feed": "/en/feed/",
        },
        "article_id": picked["article_id"],
        "headline": picked["headline"],
    }


# -- the servers --------------------------------------------------------------------------


def start_gunicorn(name, port, app="nashra.wsgi:application", up="/health/", **env):
    env = {**ENV, **env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    # No control socket: its default path is shared by every gunicorn on the machine.
    command = [PY, "-m", "gunicorn", "--no-control-socket", app]
    if GUNICORN_CONF.exists():
        command += ["--config", str(GUNICORN_CONF)]
    else:  # until the repo has its configuration
        command += ["--bind", env["GUNICORN_BIND"], "--workers", str(2 * os.cpu_count() + 1)]
    process = start(name, command, env=env)
    host = env.get("BENCH_HOST")
    wait_until_up(process, f"http://127.0.0.1:{port}{up}", headers={"Host": host} if host else None)
    return process


def start_baseline(article_id):
    """Stock Wagtail (nashra.settings.baseline) serving the bare page with the article's words."""
    path = manage("baseline_page", str(article_id), env=BUILD_ENV, capture=True).strip()
    path = "/" + path.split("/", 3)[3]
    server = start_gunicorn(
        "gunicorn-baseline",
        PORT_BASELINE,
        app="nashra.baseline.wsgi:application",
        up=path,
        DJANGO_SETTINGS_MODULE="nashra.settings.baseline",
        BENCH_HOST=BASELINE_HOST,
    )
    return server, f"http://127.0.0.1:{PORT_BASELINE}{path}"


def start_varnish(backend_port):
    if not VCL.exists():
        raise SystemExit(f"No Varnish configuration at {VCL}")
    vcl = VCL.read_text()
    vcl, count = re.subn(r'(\.port\s*=\s*")\d+(";)', rf"\g<1>{backend_port}\2", vcl)
    if not count:
        raise SystemExit(f'{VCL} names no backend `.port = "…";` to point at the bench server')
    copy = VAR / "nashra.vcl"
    copy.write_text(vcl)
    workdir = VAR / "varnish"
    shutil.rmtree(workdir, ignore_errors=True)
    command = [
        shutil.which("varnishd") or "/usr/sbin/varnishd",
        "-F",
        "-n", str(workdir),
        "-a", f"public=127.0.0.1:{PORT_VARNISH}",
        "-a", f"purge=127.0.0.1:{PORT_VARNISH_PURGE}",
        "-T", "none",
        "-f", str(copy),
        "-s", "malloc,256m",
        *varnishd_params(),
        # Readers reach Varnish through nginx in production (deploy/nginx), which keeps their
        # connections 75 s; here the live phase's readers talk to Varnish itself, idle 10 s
        # between polls, past its 5 s default.
        "-p", f"timeout_idle={2 * LIVE_POLL_MS // 1000}",
    ]  # fmt: skip
    if os.geteuid() == 0:
        # No jail: as root Varnish would switch to its own users, who can't read var/bench/.
        command += ["-j", "none"]
    process = start("varnish", command)
    wait_until_up(process, f"http://127.0.0.1:{PORT_VARNISH}/health/")
    return process


NGINX_CONF = """daemon off;
worker_processes auto;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    types {{ text/html html; }}
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    # The saved page is compressed once, as a static site's build would; gzip on for the rest.
    gzip on;
    gzip_static on;
    gzip_vary on;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/html;
{locations}
    }}
}}
"""


def start_nginx(pages):
    """Serve saved copies: ``pages`` maps a name to its HTML, served at ``/<name>/``; the
    article's at every other address too."""
    directory = VAR / "nginx"
    shutil.rmtree(directory, ignore_errors=True)
    (directory / "tmp").mkdir(parents=True)
    (directory / "html").mkdir()
    locations = []
    for name, html in pages.items():
        (directory / "html" / f"{name}.html").write_bytes(html)
        (directory / "html" / f"{name}.html.gz").write_bytes(gzip.compress(html, 9))
        match = "/" if name == "article" else f"= /{name}/"
        locations.append(f"        location {match} {{ try_files /{name}.html =404; }}")
    for path in (directory, directory / "html", VAR):
        path.chmod(0o755)  # nginx's workers read as nobody
    conf = directory / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(dir=directory, port=PORT_NGINX, locations="\n".join(locations))
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [nginx, "-p", str(directory), "-c", str(conf), "-e", str(directory / "error.log")]
    process = start("nginx", command)
    wait_until_up(process, f"http://127.0.0.1:{PORT_NGINX}/{next(iter(pages))}/")
    return process


def worker_rss(master):
    """Return the resident memory in MB of each worker of a gunicorn master."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        kb = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))
        sizes.append(kb / 1024)
    return sizes


# -- wrk ----------------------------------------------------------------------------------


def wrk(url, connections, seconds=SECONDS, headers=(), crawl=None, pause_ms=None):
    """Load one URL (or, with ``crawl``, each address of that file once); return wrk's figures.

    ``pause_ms``: each connection waits about that long between its requests (a reader with
    the page open), instead of asking as fast as it can.
    """
    script, env, extra = WRK_SCRIPT, None, []
    if pause_ms is not None:
        script = WRK_READERS_SCRIPT
        env = {
            **os.environ,
            "WRK_READER_PAUSE_MS": str(pause_ms),
            "WRK_REPORT_SCRIPT": str(WRK_SCRIPT),
        }
    if crawl is not None:
        script = WRK_CRAWL_SCRIPT
        env = {**os.environ, "WRK_CRAWL_LIST": str(crawl), "WRK_REPORT_SCRIPT": str(WRK_SCRIPT)}
        extra = ["--", str(WRK_THREADS)]
    command = [
        WRK, f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s",
        # wrk starts a request's clock before its pause: a reader's timeout covers both.
        "--timeout", f"{5 + 2 * (pause_ms or 0) // 1000}s",
        "-s", str(script), *WRK_HEADERS, *headers, url, *extra,
    ]  # fmt: skip
    output = subprocess.run(command, check=True, text=True, capture_output=True, env=env).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    figures = {key: int(value) for key, value in (pair.split("=") for pair in line.split()[1:])}
    figures["errors"] = sum(
        figures[key] for key in ("connect", "read", "write", "status", "timeout")
    )
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def cache_hits(url, header, tries=20):
    """Return how many of ``tries`` requests the cache named by ``header`` answered."""
    hits = 0
    for _ in range(tries):
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            hits += (response.headers.get(header) or "").lower() == "hit"
    return hits


CACHE_HEADERS = {"app cache": "X-Nashra-Cache", "Varnish": "X-Cache"}


def measure(rows, page, mode, url, warm_seconds=0, headers=(), crawl=None, connections=None):
    connections = connections or CONNECTIONS[mode]
    if warm_seconds:  # every worker's own cache, and Varnish's, hold the page
        wrk(url, connections, warm_seconds, headers)
    announce(page, mode, connections, url)
    figures = wrk(url, connections, headers=headers, crawl=crawl)
    record(rows, page, mode, connections, figures)


def announce(page, mode, connections, url):
    say(f"{page:8} {mode:13} {connections:3} connections  {url}")
    if mode in CACHE_HEADERS:
        hits = cache_hits(url, CACHE_HEADERS[mode])
        say(f"         before: {hits} of 20 requests answered by the cache")


def record(rows, page, mode, connections, figures):
    rows.append({"page": page, "mode": mode, "connections": connections, **figures})
    say(
        f"         {figures['rps']:,.0f} req/s, p99 {figures['p99_us'] / 1000:.1f} ms, "
        f"{figures['errors']} errors"
    )


# -- publish-to-visible -------------------------------------------------------------------


def publish_to_visible(targets):
    """Publish new headlines while wrk loads the article through Varnish; return ms each.

    One publishing process, up before the clock starts (an editor's publish runs in a server
    process that is already up), publishes the original headline once to warm, then each new
    one.
    """
    url = f"http://127.0.0.1:{PORT_VARNISH}{targets['urls']['article']}"
    original = re.sub(r" · update \S+$", "", targets["headline"])
    publisher, send, answer = start_line_helper("bench_publish")

    def publish(headline):
        send(targets["article_id"], headline)
        return answer()

    publish(original)
    load = subprocess.Popen(
        [WRK, f"-t{WRK_THREADS}", f"-c{CONNECTIONS['Varnish']}", "-d600s", *WRK_HEADERS, url],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    load.name = "wrk"
    CHILDREN.append(load)
    times = []
    try:
        time.sleep(1)
        for attempt in range(PUBLISHES):
            marker = f"{int(time.time())}x{attempt}"
            published = publish(f"{original} · update {marker}")
            seen = poll_for(url, marker, deadline=time.time() + VISIBLE_WITHIN)
            if seen is None:
                times.append(None)
                say(f"publish {attempt + 1}: not visible within {VISIBLE_WITHIN} s; no more tries")
                break  # no purge reaches Varnish: the others would wait as long
            times.append((seen - published["started"]) * 1000)
            took = (published["ended"] - published["started"]) * 1000
            say(
                f"publish {attempt + 1}: visible after {times[-1]:.0f} ms "
                f"(the publish itself took {took:.0f} ms)"
            )
            time.sleep(1)
    finally:
        stop(load)
        publish(original)
        stop_line_helper(publisher)
    return times


def start_line_helper(command):
    """Start ``manage.py <command> --lines``, up before any clock starts (as an editor's
    server process is); return it, a function that sends it one line of fields, and one
    that waits for its JSON answer to the line."""
    helper = subprocess.Popen(
        [PY, "manage.py", command, "--lines"],
        cwd=ROOT,
        env=BUILD_ENV,  # the demo app (bench_publish, bench_live) is not in production settings
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    helper.name = command
    CHILDREN.append(helper)

    def send(*fields):
        helper.stdin.write("\t".join(str(field) for field in fields) + "\n")
        helper.stdin.flush()

    def answer():
        line = helper.stdout.readline()
        if not line:
            raise SystemExit(f"{command} failed")
        return json.loads(line)

    return helper, send, answer


def stop_line_helper(helper):
    helper.stdin.close()
    helper.wait(timeout=60)
    CHILDREN.remove(helper)


def poll_for(url, marker, deadline):
    """Return when the marker first appeared at the URL, polling every 20 ms, or None."""
    needle = marker.encode()
    while time.time() < deadline:
        try:
            if needle in fetch(url, timeout=5)[1]:
                return time.time()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.02)
    return None


# -- the live phase -----------------------------------------------------------------------


def json_line(output):
    """The JSON a helper command printed last (anything it printed before is not ours)."""
    return json.loads(output.strip().splitlines()[-1])


def prepare_live():
    """Make the live pages (2,000 updates and 20) and count what their first renders cost."""
    say("live pages: 2,000 updates and 20 (manage.py bench_live)")
    live = json_line(manage("bench_live", "--prepare", env=ARCHIVE_ENV, capture=True))
    live["renders"] = json_line(manage("bench_live", "--queries", env=ARCHIVE_ENV, capture=True))
    renders = live["renders"]
    say(
        f"first render: {renders['small_queries']} queries with {renders['small_updates']:,} "
        f"updates, {renders['queries']} with {renders['updates']:,}; "
        f"{renders['html_bytes'] / 1024:.0f} KB, {renders['gzip_bytes'] / 1024:.0f} KB gzipped"
    )
    return live


def live_phase(rows, live, varnish_url):
    """LIVE_CONNECTIONS readers keep the live page open (each polls its newest updates through
    Varnish every LIVE_POLL_MS) while an editor posts an update every LIVE_POST_EVERY
    seconds; each post is timed to its appearance in Varnish's answer. Then what the endpoint
    can take: as many connections as fast as they can ask, and as many as the other Varnish
    rows, each beside nginx serving a saved copy. Return each post's post-to-visible in ms
    (None: not seen) and how long each post took.

    The poster posts once before the clock starts: its process is warm, as a server's is.
    """
    url = varnish_url + live["url"] + "updates/"
    poster, send, answer = start_line_helper("bench_live")
    try:
        send(live["page_id"], "warming up")
        answer()
        wrk(url, LIVE_CONNECTIONS, 2)  # Varnish's threads for so many readers, the fragment
        announce("live readers", "Varnish", LIVE_CONNECTIONS, url)
        with ThreadPoolExecutor(max_workers=1) as pool:
            load = pool.submit(wrk, url, LIVE_CONNECTIONS, LIVE_SECONDS, pause_ms=LIVE_POLL_MS)
            posts = post_while_loaded(load, send, answer, live["page_id"], url)
            figures = load.result()
        record(rows, "live readers", "Varnish", LIVE_CONNECTIONS, figures)
    finally:
        stop_line_helper(poster)
    nginx_url = f"http://127.0.0.1:{PORT_NGINX}/updates/"
    for connections in (LIVE_CONNECTIONS, CONNECTIONS["Varnish"]):
        measure(rows, "live updates", "Varnish", url, 1, connections=connections)
        measure(rows, "live updates", "nginx static", nginx_url, 1, connections=connections)
    return posts


def post_while_loaded(load, send, answer, page_id, url):
    """Post an update every LIVE_POST_EVERY seconds of the load, from its first second on,
    while there is time left for it to show within the target; time each to its marker in
    Varnish's answer.

    Varnish is polled while the post runs: what the post does once its purge is sent (it
    indexes the page again) may take longer than the update takes to show.
    """
    posts = []
    began = time.monotonic()
    due = began + 1
    while not load.done() and due + LIVE_VISIBLE_MS / 1000 <= began + LIVE_SECONDS:
        time.sleep(max(0.0, due - time.monotonic()))
        marker = f"live-{int(time.time())}x{len(posts)}"
        send(page_id, marker)
        seen = poll_for(url, marker, deadline=time.time() + VISIBLE_WITHIN)
        posted = answer()
        visible = None if seen is None else (seen - posted["started"]) * 1000
        took = (posted["ended"] - posted["started"]) * 1000
        posts.append({"visible_ms": visible, "post_ms": took})
        if visible is None:
            say(f"live post {len(posts)}: not visible within {VISIBLE_WITHIN} s; no more posts")
            break  # no purge reaches Varnish: the others would wait as long
        say(f"live post {len(posts)}: visible after {visible:.0f} ms (the post took {took:.0f} ms)")
        due += LIVE_POST_EVERY
    return posts


# -- the archive's rows -------------------------------------------------------------------


def measure_uncached(rows, rss, targets):
    """Stock Wagtail's bare page, then each page rendered afresh on every request."""
    urls = targets["urls"]
    server, baseline_url = start_baseline(targets["article_id"])
    baseline_host = ["-H", f"Host: {BASELINE_HOST}"]
    measure(rows, "bare page", "stock Wagtail", baseline_url, warm_seconds=2, headers=baseline_host)
    stop(server)

    # Keys of its own: what it fills is not there for the cold crawl.
    server = start_gunicorn(
        "gunicorn-uncached",
        PORT_UNCACHED,
        NASHRA_PAGE_CACHE="off",
        CACHE_KEY_PREFIX=ENV["CACHE_KEY_PREFIX"] + "u",
    )
    base = f"http://127.0.0.1:{PORT_UNCACHED}"
    for page in PAGES:
        for _ in range(6):  # renditions made, each worker's templates compiled
            fetch(base + urls[page])
        measure(rows, page, "uncached", base + urls[page])
    rss["uncached"] = worker_rss(server)
    stop(server)


def measure_app_cache(rows, archive, base):
    """The cold crawl, then each page from the app cache; return how many the crawl read."""
    crawl_list, crawl_count = archive["crawl"]
    measure(rows, "articles", "cold crawl", base + "/", crawl=crawl_list)
    crawled = rows[-1]["requests"]
    if crawled > crawl_count:
        say(f"the crawl ran out of addresses ({crawl_count:,}): set BENCH_CRAWL higher")
    for page in PAGES:
        measure(rows, page, "app cache", base + archive["targets"]["urls"][page], warm_seconds=3)
    return min(crawled, crawl_count)


# -- the report ---------------------------------------------------------------------------


def table(rows):
    """Each row with its ratio to stock Wagtail and to nginx serving a saved copy of the same
    response (of the article, for the pages nginx has no copy of)."""
    ceilings = {row["page"]: row["rps"] for row in rows if row["mode"] == "nginx static"}
    # The live rows are compared with nginx at as many connections (1,000, and 200).
    ceilings.update(
        {
            (row["page"], row["connections"]): row["rps"]
            for row in rows
            if row["mode"] == "nginx static"
        }
    )
    baseline = next((row["rps"] for row in rows if row["mode"] == "stock Wagtail"), None)
    lines = [
        "| page | mode | connections | req/s | p50 ms | p99 ms | errors | KB/response "
        "| × stock Wagtail | vs nginx |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        ceiling = ceilings.get(
            (row["page"], row["connections"]), ceilings.get(row["page"], ceilings.get("article"))
        )
        if row["page"] == "live readers":  # paced as readers are: no ceiling to compare with
            ceiling = None
        versus_baseline = f"{row['rps'] / baseline:.2f}×" if baseline else "–"
        versus_ceiling = f"{row['rps'] / ceiling:.0%}" if ceiling else "–"
        lines.append(
            f"| {row['page']} | {row['mode']} | {row['connections']} | {row['rps']:,.0f} "
            f"| {row['p50_us'] / 1000:.1f} | {row['p99_us'] / 1000:.1f} | {row['errors']} "
            f"| {row['bytes'] / max(row['requests'], 1) / 1024:.1f} "
            f"| {versus_baseline} | {versus_ceiling} |"
        )
    return lines


def report(rows, rss, archive, live):
    """The report: ``archive`` is None when only the live phase ran (BENCH_ONLY=live)."""
    cache = "Redis" if REDIS_URL else "local memory"
    only = " (BENCH_ONLY=live: the live phase alone)" if archive is None else ""
    lines = [
        f"# make bench: {VENDOR}, {cache}, {ARTICLES:,} articles{only}",
        "",
        setup(cache, archive),
        "",
        *table(rows),
        "",
    ]
    if archive is not None:
        lines += archive_notes(archive)
    lines += live_notes(live)
    for name, sizes in rss.items():
        lines.append(
            f"Gunicorn worker RSS after the {name} run: "
            + ", ".join(f"{size:.0f} MB" for size in sizes)
        )
    lines += ["", *targets_met(rows, rss, archive, live)]
    return "\n".join(lines) + "\n"


def setup(cache, archive):
    """The paragraph saying how the figures were made."""
    workers = "" if GUNICORN_CONF.exists() else " (no deploy/gunicorn.conf.py: 2×cores+1 workers)"
    parts = [
        f"{time.strftime('%Y-%m-%d %H:%M')}; {os.cpu_count()} cores; wrk -t{WRK_THREADS} "
        f"(wrk shares the cores with the servers), {SECONDS} s a row, "
        f"`Accept-Encoding: gzip` on every request; app cache in {cache}; "
        f"gunicorn with production settings{workers}",
    ]
    if archive is not None:
        parts += [
            "stock Wagtail (the project template's apps and middleware, nashra.settings.baseline) "
            "serves a bare one-field page with the article's words under the same gunicorn",
            f"the cold crawl reads {archive['crawled']:,} distinct articles of both editions "
            "once each, the caches empty",
            "nginx serves a saved, pre-compressed copy of the article page",
        ]
    parts.append(
        f"the live rows: {LIVE_CONNECTIONS:,} connections ask for a live page's newest updates "
        f"(`updates/`) through Varnish while an editor posts an update every {LIVE_POST_EVERY} s, "
        "and nginx serves a saved, pre-compressed copy of those updates to as many"
    )
    return (
        "; ".join(parts)
        + f". Load average {LOAD_BEFORE:.1f} before the run, {os.getloadavg()[0]:.1f} after "
        "(anything else running shares the cores)."
    )


def archive_notes(archive):
    urls = archive["targets"]["urls"]
    lines = ["Pages: " + ", ".join(f"{page} `{url}`" for page, url in urls.items()), ""]
    publish_times = archive["publish_times"]
    seen = [ms for ms in publish_times if ms is not None]
    if publish_times:
        missed = len(publish_times) - len(seen)
        lines.append(
            f"Publish-to-visible through Varnish under load ({CONNECTIONS['Varnish']} connections, "
            f"{len(publish_times)} publishes): {summary(seen)}"
            + (f"; {missed} not visible within {VISIBLE_WITHIN} s" if missed else "")
            + " — from the start of the publish to the new headline in Varnish's answer."
        )
        lines.append("")
    return lines


def summary(times):
    if not times:
        return "never"
    return f"median {statistics.median(times):,.0f} ms, max {max(times):,.0f} ms"


def plural(count, noun):
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def spread(times):
    low, high = min(times), max(times)
    return f"{low:,.0f} ms" if round(low) == round(high) else f"{low:,.0f}–{high:,.0f} ms"


def live_notes(live):
    posts, renders = live["posts"], live["renders"]
    seen = [post["visible_ms"] for post in posts if post["visible_ms"] is not None]
    missed = len(posts) - len(seen)
    took = [post["post_ms"] for post in posts]
    return [
        f"Live page `{live['url']}` ({renders['updates']:,} updates) open in "
        f"{LIVE_CONNECTIONS:,} readers' pages, each polling its newest updates through Varnish "
        f"every {LIVE_POLL_MS // 1000} s (±10%), while an editor posted one every "
        f"{LIVE_POST_EVERY} s ({plural(len(posts), 'post')}): post-to-visible "
        f"{summary(seen)}"
        + (f"; {missed} not visible within {VISIBLE_WITHIN} s" if missed else "")
        + " — from the start of the post (services.post_update, published, committed) to its "
        "text in Varnish's answer for `updates/`"
        + (f"; the posts themselves took {spread(took)}." if took else "."),
        "",
        "First render of a live page (an anonymous reader, every cache empty, the page cache "
        f"off): {renders['small_queries']} SQL queries with {renders['small_updates']:,} "
        f"updates, {renders['queries']} with {renders['updates']:,}; with "
        f"{renders['updates']:,} updates its HTML is {renders['html_bytes'] / 1024:.0f} KB, "
        f"{renders['gzip_bytes'] / 1024:.0f} KB gzipped.",
        "",
    ]


def targets_met(rows, rss, archive, live):
    """Return the targets (issue 13's with the archive's rows, the live issue's), each with
    what this run measured."""
    checks = archive_checks(rows, rss, archive["publish_times"]) if archive is not None else []
    checks += live_checks(rows, live)
    lines = ["| target | met | measured |", "|---|---|---|"]
    for target, met, measured in checks:
        lines.append(f"| {target} | {'yes' if met else '**no**'} | {measured} |")
    return lines


def archive_checks(rows, rss, publish_times):
    ceilings = {row["page"]: row["rps"] for row in rows if row["mode"] == "nginx static"}

    def share(row):  # of nginx serving the same response, or the article's for a page of its size
        return row["rps"] / ceilings.get(row["page"], ceilings["article"])

    baseline = next(row["rps"] for row in rows if row["mode"] == "stock Wagtail")
    seen = [ms for ms in publish_times if ms is not None]
    uncached = {row["page"]: row["rps"] for row in rows if row["mode"] == "uncached"}
    article = {row["mode"]: row for row in rows if row["page"] == "article"}
    crawl = next(row for row in rows if row["mode"] == "cold crawl")
    varnish = [row for row in rows if row["mode"] == "Varnish" and row["page"] in PAGES]
    slowest = min(varnish, key=share)
    largest = max(size for sizes in rss.values() for size in sizes)
    listings = [page for page in PAGES if page != "article"]
    return [
        ("uncached article ≥ 2× stock Wagtail and ≥ 340 req/s (16 connections)",
         uncached["article"] >= max(2 * baseline, 340),
         f"{uncached['article']:,.0f} req/s, {uncached['article'] / baseline:.2f}×"),
        ("uncached " + ", ".join(listings) + " ≥ 150 req/s each",
         all(uncached[page] >= 150 for page in listings),
         ", ".join(f"{page} {uncached[page]:,.0f}" for page in listings)),
        ("cold crawl ≥ 150 req/s", crawl["rps"] >= 150, f"{crawl['rps']:,.0f} req/s"),
        ("app-cache hit (article) ≥ 5,000 req/s", article["app cache"]["rps"] >= 5000,
         f"{article['app cache']['rps']:,.0f} req/s"),
        ("Varnish ≥ 50% of nginx static on every row, 0 errors",
         share(slowest) >= 0.5 and not any(row["errors"] for row in varnish),
         f"slowest {slowest['page']} {share(slowest):.0%}, "
         f"{sum(row['errors'] for row in varnish)} errors"),
        ("publish-to-visible ≤ 1 s under load",
         bool(seen) and len(seen) == len(publish_times) and max(seen) <= 1000,
         f"max {max(seen):,.0f} ms" if seen else "not visible"),
        ("each gunicorn worker ≤ 200 MB RSS after the run", largest <= 200,
         f"largest {largest:.0f} MB"),
    ]  # fmt: skip


def live_checks(rows, live):
    modes = {
        (row["page"], row["mode"], row["connections"]): row
        for row in rows
        if row["page"].startswith("live ")
    }
    readers = modes[("live readers", "Varnish", LIVE_CONNECTIONS)]
    checks = [
        (f"{LIVE_CONNECTIONS:,} readers polling every {LIVE_POLL_MS // 1000} s through "
         "Varnish: 0 errors",
         not readers["errors"],
         f"{readers['rps']:,.0f} req/s, p99 {readers['p99_us'] / 1000:.1f} ms, "
         f"{readers['errors']} errors"),
    ]  # fmt: skip
    for connections in (LIVE_CONNECTIONS, CONNECTIONS["Varnish"]):
        varnish = modes[("live updates", "Varnish", connections)]
        nginx = modes[("live updates", "nginx static", connections)]
        checks.append(
            (f"live updates through Varnish ≥ 50% of nginx static at {connections:,} "
             "connections, 0 errors",
             varnish["rps"] >= nginx["rps"] / 2 and not varnish["errors"],
             f"{varnish['rps']:,.0f} req/s, {varnish['rps'] / nginx['rps']:.1%}, "
             f"{varnish['errors']} errors")
        )  # fmt: skip
    posts = [post["visible_ms"] for post in live["posts"]]
    seen = [ms for ms in posts if ms is not None]
    renders = live["renders"]
    return [
        *checks,
        ("live post-to-visible ≤ 2 s (every post)",
         bool(seen) and len(seen) == len(posts) and max(seen) <= LIVE_VISIBLE_MS,
         f"{summary(seen)}, {len(seen)} of {len(posts)} posts seen"),
        ("live page first render: same SQL queries with 2,000 updates as with 20",
         renders["queries"] == renders["small_queries"],
         f"{renders['small_queries']} with {renders['small_updates']:,}, "
         f"{renders['queries']} with {renders['updates']:,}"),
        (f"live page with 2,000 updates ≤ {PAGE_WEIGHT_KB} KB gzipped",
         renders["gzip_bytes"] <= PAGE_WEIGHT_KB * 1024,
         f"{renders['gzip_bytes'] / 1024:.0f} KB gzipped, "
         f"{renders['html_bytes'] / 1024:.0f} KB raw"),
    ]  # fmt: skip


def main():
    raise_open_files()
    VAR.mkdir(parents=True, exist_ok=True)
    say(f"the stack: {VENDOR}, cache in {'Redis' if REDIS_URL else 'each process memory'}")
    build_archive()
    manage("collectstatic", "--noinput", "-v0")
    live = prepare_live()
    rows, rss, archive = [], {}, None
    if ONLY != "live":
        archive = {"targets": pick_targets(), "crawl": crawl_paths()}
        measure_uncached(rows, rss, archive["targets"])

    varnish_url = f"http://127.0.0.1:{PORT_VARNISH}"
    server = start_gunicorn("gunicorn-cached", PORT_CACHED)
    base = f"http://127.0.0.1:{PORT_CACHED}"
    if archive is not None:
        archive["crawled"] = measure_app_cache(rows, archive, base)
    start_varnish(PORT_CACHED)
    static = {"updates": fetch(base + live["url"] + "updates/")[1]}
    if archive is not None:
        urls = archive["targets"]["urls"]
        for page in PAGES:
            measure(rows, page, "Varnish", varnish_url + urls[page], warm_seconds=1)
        # The ceiling of each row: nginx serving a saved copy of the same response. The feed,
        # eleven times the article's bytes, has its own; the other pages are the article's size.
        static["article"] = fetch(base + urls["article"])[1]
        static["feed"] = fetch(base + urls["feed"])[1]
    start_nginx(static)
    if archive is not None:
        nginx_url = f"http://127.0.0.1:{PORT_NGINX}/"
        measure(rows, "article", "nginx static", nginx_url, warm_seconds=1)
        measure(rows, "feed", "nginx static", nginx_url + "feed/", warm_seconds=1)
        archive["publish_times"] = publish_to_visible(archive["targets"]) if PUBLISHES else []
    live["posts"] = live_phase(rows, live, varnish_url)
    rss["app-cache and Varnish"] = worker_rss(server)

    text = report(rows, rss, archive, live)
    output = VAR / f"bench-{VENDOR}.md"
    output.write_text(text)
    print()
    print(text)
    say(f"written to {output}")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in background
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
    finally:
        stop_all()
