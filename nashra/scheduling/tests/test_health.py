"""/health/ tells a monitor whether scheduled publishing is keeping up."""

import datetime

import pytest
from django.db import OperationalError, connection

from nashra.scheduling import services

from .helpers import clock

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def beat(moment):
    services.record_heartbeat(services.RunResult(), moment)


def test_health_is_ok_when_nothing_is_overdue(client, scheduled_article, now):
    beat(now)
    with clock(now + datetime.timedelta(seconds=30)):
        response = client.get("/health/")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert report["checks"]["database"] == "ok"
    assert report["checks"]["overdue"] == 0
    assert report["checks"]["worker"] == {"last_run": now.isoformat(), "stale": False}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_health_fails_when_something_is_overdue(client, scheduled_article, now):
    moment = now + HOUR + datetime.timedelta(minutes=2)
    beat(moment)  # the worker runs, yet the article did not go live
    with clock(moment):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert response.json()["checks"]["overdue"] == 1
    assert not response.cookies


def test_health_fails_when_the_worker_is_stale_and_something_is_scheduled(
    client, scheduled_article, now
):
    beat(now)
    with clock(now + datetime.timedelta(minutes=6)):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["stale"] is True
    assert response.json()["checks"]["overdue"] == 0


def test_health_is_ok_without_a_worker_when_nothing_is_scheduled(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == {"last_run": None, "stale": True}


def test_health_fails_when_the_database_is_down(client, db, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "fail"}}
