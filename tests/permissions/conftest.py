"""The world of the permission matrix, built once, and its users' clients."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from .world import build_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    """Build the newsroom once, inside a transaction that every test's savepoint nests in."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def as_user(world, db):
    """Return a client logged in as one of the matrix's users, by name.

    The sessions were opened with the world, so a test spends no query on logging in.
    """
    clients = {}

    def login(name):
        if name not in clients:
            client = Client()
            client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[name]
            clients[name] = client
        return clients[name]

    return login
