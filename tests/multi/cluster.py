"""Nashra on more than one machine, on loopback: an S3 server, two gunicorn instances with
production settings sharing one PostgreSQL database, one Redis and one bucket, the worker,
and Varnish with a round-robin director in front of both.

Every process is a child in its own process group with its output in a log file; ``stop_all``
ends them all, whatever state the test left them in.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from nashra.caching import varnishd

from .vcl import cluster_vcl

ROOT = Path(__file__).resolve().parents[2]
VCL = ROOT / "deploy" / "varnish" / "nashra.vcl"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
BUCKET = "nashra-media"
LOCATION = "media"
# Readers may fetch renditions, and nothing else, straight from the bucket (README).
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadersFetchRenditions",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/{LOCATION}/images/*",
        }
    ],
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, headers=None, timeout=10):
    """Return (status, headers, body bytes); an HTTP error status is an answer too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class StartupError(Exception):
    pass


@dataclass
class Child:
    name: str
    process: subprocess.Popen
    log: Path

    def tail(self, lines=30):
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return f"--- {self.log} ---\n" + "\n".join(text.splitlines()[-lines:])


@dataclass
class Cluster:
    workdir: Path
    env: dict = field(default_factory=dict)
    children: dict = field(default_factory=dict)
    # Chosen before anything starts: each piece is told where the others are.
    ports: dict = field(
        default_factory=lambda: {name: free_port() for name in ("s3", "a", "b", "varnish", "purge")}
    )

    timings: dict = field(default_factory=dict)

    @contextlib.contextmanager
    def phase(self, name):
        """Time a step of the start-up, for the report that ends the module."""
        started = time.monotonic()
        yield
        self.timings[name] = round(time.monotonic() - started, 1)

    def url(self, name):
        return f"http://127.0.0.1:{self.ports[name]}"

    # -- processes ---------------------------------------------------------------------

    def start(self, name, command, env=None):
        log = self.workdir / f"{name}.log"
        with open(log, "w") as output:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env or self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        child = self.children[name] = Child(name, process, log)
        return child

    def wait_until_up(self, name, url, seconds=60):
        child = self.children[name]
        deadline = time.monotonic() + seconds
        while True:
            try:
                status, _headers, _body = fetch(url, timeout=2)
                if status < 500:
                    return
            except OSError:
                pass
            if child.process.poll() is not None or time.monotonic() > deadline:
                raise StartupError(f"{name} did not answer {url}\n{child.tail()}")
            time.sleep(0.1)

    def signal(self, name, signum):
        """Send ``signum`` to a child's whole process group (a gunicorn master and workers)."""
        child = self.children[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.process.pid, signum)

    def stop(self, name):
        child = self.children[name]
        if child.process.poll() is None:
            self.signal(name, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.process.wait(timeout=15)
            # Whatever the group still holds (a worker its master left behind) goes too.
            self.signal(name, signal.SIGKILL)
            child.process.wait()
        del self.children[name]

    def stop_all(self):
        for name in reversed(list(self.children)):
            self.stop(name)

    def manage(self, *args, settings=None):
        """Run a management command like a deploy would; return its output."""
        env = dict(self.env)
        if settings:
            env["DJANGO_SETTINGS_MODULE"] = settings
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise StartupError(
                f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
            )
        return result.stdout

    def logs(self):
        return "\n".join(child.tail() for child in self.children.values())

    # -- the pieces --------------------------------------------------------------------

    def start_s3(self):
        self.start(
            "s3",
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.ports["s3"])],
        )

    def create_bucket(self):
        self.wait_until_up("s3", self.url("s3") + "/", seconds=30)
        client = self.s3()
        client.create_bucket(Bucket=BUCKET)
        client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))

    def s3(self):
        import boto3  # here, so that without it the fixture can say what to install

        return boto3.client(
            "s3",
            endpoint_url=self.url("s3"),
            region_name=self.env["AWS_S3_REGION_NAME"],
            aws_access_key_id=self.env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=self.env["AWS_SECRET_ACCESS_KEY"],
        )

    def media_url(self, key=""):
        """The public URL of a key under the media prefix."""
        return f"{self.url('s3')}/{BUCKET}/{LOCATION}/{key}"

    def start_app(self, name):
        """A gunicorn instance of the application, as deploy/gunicorn.conf.py runs it."""
        var = self.workdir / name
        var.mkdir()
        env = dict(
            self.env,
            NASHRA_VAR_DIR=str(var),  # its own local disk: media must not land here
            GUNICORN_BIND=f"127.0.0.1:{self.ports[name]}",
            GUNICORN_ACCESS_LOG=str(self.workdir / f"{name}-access.log"),
        )
        command = [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF)]
        self.start(name, [*command, "nashra.wsgi:application"], env=env)

    def start_varnish(self, apps):
        vcl = self.workdir / "cluster.vcl"
        servers = [("127.0.0.1", self.ports[name]) for name in apps]
        vcl.write_text(cluster_vcl(VCL.read_text(), servers))
        command = [VARNISHD, "-F", "-j", "none", "-n", str(self.workdir / "varnish"), "-T", "none"]
        command += ["-a", f"public=127.0.0.1:{self.ports['varnish']}"]
        command += ["-a", f"purge=127.0.0.1:{self.ports['purge']}"]
        command += ["-f", str(vcl), "-s", "malloc,64m", *varnishd.params()]
        self.start("varnish", command)

    def requests_logged(self, name, marker):
        """How many requests in an instance's access log carry ``marker`` in their line."""
        log = self.workdir / f"{name}-access.log"
        return log.read_text().count(marker) if log.exists() else 0


def application_env(cluster, database_url, redis_url):
    """The environment both instances, the worker and the commands share."""
    workdir = cluster.workdir
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("AWS_", "CLOUDFLARE_", "CLOUDFRONT_", "NASHRA_", "GUNICORN_"))
        and name not in {"DATABASE_URL", "REDIS_URL", "VARNISH_URL", "MEDIA_ROOT", "STATIC_ROOT"}
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "nashra.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        # Production refuses a mail backend that prints; nothing is mailed here.
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"multi-{secrets.token_hex(4)}",
        "STATIC_ROOT": str(workdir / "static"),
        "NASHRA_VAR_DIR": str(workdir / "commands"),
        # The editor signs in with a password alone; the second step has tests of its own.
        "NASHRA_REQUIRE_2FA": "off",
        "NASHRA_ADMIN_PASSWORD": secrets.token_urlsafe(12),
        "NASHRA_DEMO_PASSWORD": secrets.token_urlsafe(12),
        "GUNICORN_WORKERS": "2",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        # Every publish purges the cluster's Varnish, on its purge listener.
        "VARNISH_URL": cluster.url("purge"),
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": cluster.url("s3"),
        "AWS_LOCATION": LOCATION,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "nashra-test",
        "AWS_SECRET_ACCESS_KEY": secrets.token_urlsafe(20),
    }
