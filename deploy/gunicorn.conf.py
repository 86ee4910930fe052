"""Gunicorn for Nashra: `gunicorn -c deploy/gunicorn.conf.py nashra.wsgi:application`.

Pages are rendered by Python, which uses one core per process: two workers per core
(one renders while the other waits on the database or cache), plus one.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Behind Varnish or nginx, which hold the slow clients' connections.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle a worker now and then, so no slow leak grows without bound; rarely, since a new
# worker starts with empty per-process caches (pages, menus) and renders cold.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = 20000
# gunicorn 27's control socket has one default path for every instance: not needed here.
control_socket_disable = True
# Load the application before forking: workers share its memory pages.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# The access log names the reader (NASHRA_TRUSTED_PROXIES), not the proxy in front.
logger_class = "nashra.core.access_log.AccessLogger"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
