"""One notion of the client's address: only the trusted proxies' word is taken."""

import datetime

import pytest
from django.test import RequestFactory

from nashra.core.clients import client_address


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_no_proxy_trusted_by_default_the_header_is_ignored(settings):
    settings.NASHRA_TRUSTED_PROXIES = ""
    assert client_address(request_from("198.51.100.9", "203.0.113.1")) == "198.51.100.9"


@pytest.mark.parametrize("trusted", ["2", "127.0.0.1,::1", "127.0.0.0/8"])
def test_behind_nginx_and_varnish_the_reader_is_found(settings, trusted):
    """nginx appends the reader, Varnish appends nginx; gunicorn sees Varnish."""
    settings.NASHRA_TRUSTED_PROXIES = trusted
    request = request_from("127.0.0.1", "203.0.113.7, 127.0.0.1")
    assert client_address(request) == "203.0.113.7"


@pytest.mark.parametrize("trusted", ["2", "127.0.0.1"])
def test_a_client_cannot_choose_its_own_address(settings, trusted):
    """Whatever the client writes in X-Forwarded-For stays at the left, and is not read."""
    settings.NASHRA_TRUSTED_PROXIES = trusted
    request = request_from("127.0.0.1", "10.9.9.9, 1.2.3.4, 203.0.113.7, 127.0.0.1")
    assert client_address(request) == "203.0.113.7"


def test_an_untrusted_connection_is_the_client_whatever_it_forwards(settings):
    settings.NASHRA_TRUSTED_PROXIES = "127.0.0.1"
    assert client_address(request_from("198.51.100.9", "203.0.113.1")) == "198.51.100.9"


def test_a_garbled_hop_gives_no_address_rather_than_a_chosen_one(settings):
    settings.NASHRA_TRUSTED_PROXIES = "127.0.0.1"
    assert client_address(request_from("127.0.0.1", "203.0.113.7, not-an-ip")) == ""


def test_contact_limit_counts_each_reader_behind_the_proxies_apart(settings):
    """Five messages from one reader behind nginx → Varnish do not silence the next reader."""
    from nashra.pages.ratelimit import client_fingerprint

    settings.NASHRA_TRUSTED_PROXIES = "2"
    one = request_from("127.0.0.1", "203.0.113.7, 127.0.0.1")
    other = request_from("127.0.0.1", "203.0.113.8, 127.0.0.1")
    forged = request_from("127.0.0.1", "203.0.113.8, 203.0.113.7, 127.0.0.1")
    assert client_fingerprint(one) != client_fingerprint(other)
    assert client_fingerprint(one) == client_fingerprint(forged)


def test_gunicorns_access_log_names_the_reader_not_the_proxy(settings):
    from gunicorn.config import Config

    from nashra.core.access_log import AccessLogger

    settings.NASHRA_TRUSTED_PROXIES = "2"
    config = Config()
    config.set("accesslog", "-")
    config.set("logger_class", "nashra.core.access_log.AccessLogger")
    logger = config.logger_class(config)
    assert isinstance(logger, AccessLogger)
    environ = {
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.7, 127.0.0.1",
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/en/",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    response = type("Response", (), {"status": "200 OK", "sent": 10, "headers": []})()
    request = type("Req", (), {"headers": []})()
    atoms = logger.atoms(response, request, environ, datetime.timedelta(0))
    assert atoms["h"] == "203.0.113.7"
