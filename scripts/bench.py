# ruff: noqa: S603, S310 -- a local tool running our own commands against loopback URLs
"""`make bench`: Nashra under load as in production, beside stock Wagtail and a static ceiling.

Builds (or reuses) a large archive, serves it with production settings under gunicorn, and
runs wrk against six pages three ways -- uncached, app-cache hit, through Varnish -- plus a
cold crawl of distinct articles (the caches empty, as a search engine reads the archive),
stock Wagtail serving a bare one-field page with the same words (nashra.baseline), and nginx
serving a saved copy of the article page. Then times publish-to-visible through Varnish under
load, reads each worker's memory, prints one table with each figure's ratio to stock Wagtail
and to nginx, and writes it to <var>/bench-<db>.md.

The stack: PostgreSQL and Redis when both answer on 127.0.0.1 (database ``nashra_bench``,
made if missing; Redis database 3), as production runs; else SQLite and each process's own
memory. ``BENCH_STACK=sqlite`` asks for the latter; ``DATABASE_URL`` / ``REDIS_URL`` name
others. Every run uses a cache key prefix of its own, so it starts with the caches empty.

Environment: ARTICLES (100000), BENCH_SECONDS (10 per row), BENCH_CRAWL (6000 addresses
offered to the cold crawl, each read at most once), BENCH_PUBLISHES (5), BENCH_SEARCH (the
search word, "minister"), BENCH_VCL (deploy/varnish/nashra.vcl). Ports 18010-18030 on loopback.
"""

import gzip
import json
import os
import re
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
from django.db.models import Count
from nashra.news.models import ArticlePage
from nashra.topics.models import Topic
from wagtail.models import Locale

en = Locale.objects.get(language_code="en")
article = (
    ArticlePage.objects.live().filter(locale=en).exclude(topics=None)
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
        location / {{ try_files /article.html =404; }}
    }}
}}
"""


def start_nginx(page_html):
    directory = VAR / "nginx"
    shutil.rmtree(directory, ignore_errors=True)
    (directory / "tmp").mkdir(parents=True)
    (directory / "html").mkdir()
    (directory / "html" / "article.html").write_bytes(page_html)
    (directory / "html" / "article.html.gz").write_bytes(gzip.compress(page_html, 9))
    for path in (directory, directory / "html", VAR):
        path.chmod(0o755)  # nginx's workers read as nobody
    conf = directory / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=directory, port=PORT_NGINX))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [nginx, "-p", str(directory), "-c", str(conf), "-e", str(directory / "error.log")]
    process = start("nginx", command)
    wait_until_up(process, f"http://127.0.0.1:{PORT_NGINX}/")
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


def wrk(url, connections, seconds=SECONDS, headers=(), crawl=None):
    """Load one URL (or, with ``crawl``, each address of that file once); return wrk's figures."""
    script, env, extra = WRK_SCRIPT, None, []
    if crawl is not None:
        script = WRK_CRAWL_SCRIPT
        env = {**os.environ, "WRK_CRAWL_LIST": str(crawl), "WRK_REPORT_SCRIPT": str(WRK_SCRIPT)}
        extra = ["--", str(WRK_THREADS)]
    command = [
        WRK, f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s",
        "--timeout", "5s", "-s", str(script), *WRK_HEADERS, *headers, url, *extra,
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


def measure(rows, page, mode, url, warm_seconds=0, headers=(), crawl=None):
    connections = CONNECTIONS[mode]
    if warm_seconds:  # every worker's own cache, and Varnish's, hold the page
        wrk(url, connections, warm_seconds, headers)
    say(f"{page:8} {mode:13} {connections:3} connections  {url}")
    if mode in CACHE_HEADERS:
        hits = cache_hits(url, CACHE_HEADERS[mode])
        say(f"         before: {hits} of 20 requests answered by the cache")
    figures = wrk(url, connections, headers=headers, crawl=crawl)
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
    publisher = subprocess.Popen(
        [PY, "manage.py", "bench_publish", "--lines"],
        cwd=ROOT,
        env=BUILD_ENV,  # the demo app (bench_publish) is not in production settings
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    publisher.name = "bench_publish"
    CHILDREN.append(publisher)

    def publish(headline):
        publisher.stdin.write(f"{targets['article_id']}\t{headline}\n")
        publisher.stdin.flush()
        line = publisher.stdout.readline()
        if not line:
            raise SystemExit("bench_publish failed")
        return json.loads(line)

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
        publisher.stdin.close()
        publisher.wait(timeout=60)
        CHILDREN.remove(publisher)
    return times


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


# -- the report ---------------------------------------------------------------------------


def table(rows, ceiling, baseline):
    lines = [
        "| page | mode | connections | req/s | p50 ms | p99 ms | errors | KB/response "
        "| × stock Wagtail | vs nginx |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['page']} | {row['mode']} | {row['connections']} | {row['rps']:,.0f} "
            f"| {row['p50_us'] / 1000:.1f} | {row['p99_us'] / 1000:.1f} | {row['errors']} "
            f"| {row['bytes'] / max(row['requests'], 1) / 1024:.1f} "
            f"| {row['rps'] / baseline:.2f}× | {row['rps'] / ceiling:.0%} |"
        )
    return lines


def report(rows, targets, publish_times, rss, crawled):
    ceiling = next(row["rps"] for row in rows if row["mode"] == "nginx static")
    baseline = next(row["rps"] for row in rows if row["mode"] == "stock Wagtail")
    cache = "Redis" if REDIS_URL else "local memory"
    workers = "" if GUNICORN_CONF.exists() else " (no deploy/gunicorn.conf.py: 2×cores+1 workers)"
    lines = [
        f"# make bench: {VENDOR}, {cache}, {ARTICLES:,} articles",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M')}; {os.cpu_count()} cores; wrk -t{WRK_THREADS} "
        f"(wrk shares the cores with the servers), {SECONDS} s a row, "
        "`Accept-Encoding: gzip` on every request; app cache in "
        f"{cache}; gunicorn with production settings{workers}"
        "; stock Wagtail (the project template's apps and middleware, nashra.settings.baseline) "
        "serves a bare one-field page with the article's words under the same gunicorn; "
        f"the cold crawl reads {crawled:,} distinct articles of both editions once each, the "
        "caches empty; nginx serves a saved, pre-compressed copy of the article page. "
        f"Load average {LOAD_BEFORE:.1f} before the run, {os.getloadavg()[0]:.1f} after "
        "(anything else running shares the cores).",
        "",
        *table(rows, ceiling, baseline),
        "",
        "Pages: " + ", ".join(f"{page} `{url}`" for page, url in targets["urls"].items()),
        "",
    ]
    seen = [ms for ms in publish_times if ms is not None]
    if publish_times:
        missed = len(publish_times) - len(seen)
        summary = (
            f"median {statistics.median(seen):,.0f} ms, max {max(seen):,.0f} ms"
            if seen
            else "never"
        )
        lines.append(
            f"Publish-to-visible through Varnish under load ({CONNECTIONS['Varnish']} connections, "
            f"{len(publish_times)} publishes): {summary}"
            + (f"; {missed} not visible within {VISIBLE_WITHIN} s" if missed else "")
            + " — from the start of the publish to the new headline in Varnish's answer."
        )
        lines.append("")
    for name, sizes in rss.items():
        lines.append(
            f"Gunicorn worker RSS after the {name} run: "
            + ", ".join(f"{size:.0f} MB" for size in sizes)
        )
    lines += ["", *targets_met(rows, ceiling, baseline, seen, publish_times, rss)]
    return "\n".join(lines) + "\n"


def targets_met(rows, ceiling, baseline, seen, publish_times, rss):
    """Return issue 13's targets, each with what this run measured."""
    uncached = {row["page"]: row["rps"] for row in rows if row["mode"] == "uncached"}
    article = {row["mode"]: row for row in rows if row["page"] == "article"}
    crawl = next(row for row in rows if row["mode"] == "cold crawl")
    varnish = [row for row in rows if row["mode"] == "Varnish"]
    slowest = min(varnish, key=lambda row: row["rps"])
    largest = max(size for sizes in rss.values() for size in sizes)
    listings = [page for page in PAGES if page != "article"]
    checks = [
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
         slowest["rps"] >= ceiling / 2 and not any(row["errors"] for row in varnish),
         f"slowest {slowest['page']} {slowest['rps'] / ceiling:.0%}, "
         f"{sum(row['errors'] for row in varnish)} errors"),
        ("publish-to-visible ≤ 1 s under load",
         bool(seen) and len(seen) == len(publish_times) and max(seen) <= 1000,
         f"max {max(seen):,.0f} ms" if seen else "not visible"),
        ("each gunicorn worker ≤ 200 MB RSS after the run", largest <= 200,
         f"largest {largest:.0f} MB"),
    ]  # fmt: skip
    lines = ["| target | met | measured |", "|---|---|---|"]
    for target, met, measured in checks:
        lines.append(f"| {target} | {'yes' if met else '**no**'} | {measured} |")
    return lines


def main():
    VAR.mkdir(parents=True, exist_ok=True)
    say(f"the stack: {VENDOR}, cache in {'Redis' if REDIS_URL else 'each process memory'}")
    build_archive()
    manage("collectstatic", "--noinput", "-v0")
    targets = pick_targets()
    crawl_list, crawl_count = crawl_paths()
    urls = targets["urls"]
    rows, rss = [], {}

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

    varnish_url = f"http://127.0.0.1:{PORT_VARNISH}"
    server = start_gunicorn("gunicorn-cached", PORT_CACHED)
    base = f"http://127.0.0.1:{PORT_CACHED}"
    measure(rows, "articles", "cold crawl", base + "/", crawl=crawl_list)
    crawled = rows[-1]["requests"]
    if crawled > crawl_count:
        say(f"the crawl ran out of addresses ({crawl_count:,}): set BENCH_CRAWL higher")
    for page in PAGES:
        measure(rows, page, "app cache", base + urls[page], warm_seconds=3)
    start_varnish(PORT_CACHED)
    for page in PAGES:
        measure(rows, page, "Varnish", varnish_url + urls[page], warm_seconds=1)
    start_nginx(fetch(base + urls["article"])[1])
    measure(rows, "article", "nginx static", f"http://127.0.0.1:{PORT_NGINX}/", warm_seconds=1)

    publish_times = publish_to_visible(targets) if PUBLISHES else []
    rss["app-cache and Varnish"] = worker_rss(server)

    text = report(rows, targets, publish_times, rss, min(crawled, crawl_count))
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
