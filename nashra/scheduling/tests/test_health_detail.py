"""/health/ tells anyone ok or fail, and only the allowed addresses why."""

import datetime

import pytest
from django.db import OperationalError, connection

from .helpers import clock

pytestmark = pytest.mark.django_db

READER = "203.0.113.9"


def health(client, address, **headers):
    return client.get("/health/", REMOTE_ADDR=address, **headers)


def test_a_reader_gets_only_ok(client):
    response = health(client, READER)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_a_reader_gets_only_fail(client, scheduled_article, now):
    with clock(now + datetime.timedelta(hours=2)):  # the article is overdue
        response = health(client, READER)
    assert response.status_code == 503
    assert response.json() == {"status": "fail"}


def test_a_reader_gets_only_fail_when_the_database_is_down(client, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = health(client, READER)
    assert response.status_code == 503
    assert response.json() == {"status": "fail"}


@pytest.mark.parametrize("address", ["127.0.0.1", "::1"])
def test_loopback_gets_the_details_by_default(client, address):
    response = health(client, address)
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert report["checks"]["database"] == "ok"
    assert {"database", "worker", "overdue"} <= set(report["checks"])


def test_the_allowed_networks_come_from_the_setting(client, settings):
    settings.NASHRA_HEALTH_DETAIL_ADDRESSES = "10.0.0.0/8, 2001:db8::/32"
    assert "checks" in health(client, "10.20.30.40").json()
    assert "checks" in health(client, "2001:db8::7").json()
    assert "checks" not in health(client, "127.0.0.1").json()
    assert "checks" not in health(client, READER).json()


def test_the_setting_may_be_a_list_or_empty(client, settings):
    settings.NASHRA_HEALTH_DETAIL_ADDRESSES = ["192.0.2.1"]
    assert "checks" in health(client, "192.0.2.1").json()
    settings.NASHRA_HEALTH_DETAIL_ADDRESSES = ""
    assert health(client, "127.0.0.1").json() == {"status": "ok"}


def test_a_forged_forwarded_address_gets_no_details(client):
    """Without trusted proxies X-Forwarded-For is the client's own words: not believed."""
    response = health(client, READER, HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert response.json() == {"status": "ok"}


def test_behind_trusted_proxies_the_reader_is_who_the_proxies_say(client, settings):
    """Behind nginx → Varnish every request comes from 127.0.0.1: the reader is further left."""
    settings.NASHRA_TRUSTED_PROXIES = "2"
    through_proxies = {"HTTP_X_FORWARDED_FOR": f"{READER}, 127.0.0.1"}
    assert health(client, "127.0.0.1", **through_proxies).json() == {"status": "ok"}
    from_the_machine = {"HTTP_X_FORWARDED_FOR": "127.0.0.1, 127.0.0.1"}
    assert "checks" in health(client, "127.0.0.1", **from_the_machine).json()


@pytest.mark.parametrize("forwarded", ["not-an-address", "", "::1%eth0", "\x00", "1" * 5000])
def test_garbled_addresses_get_no_details_and_no_error(client, settings, forwarded):
    settings.NASHRA_TRUSTED_PROXIES = "127.0.0.1"
    response = health(client, "127.0.0.1", HTTP_X_FORWARDED_FOR=f"{forwarded}, {READER}")
    assert response.status_code in {200, 400}  # 400: a NUL byte, where that is refused
    assert b"checks" not in response.content
