"""Signing in from an address, and the codes an authenticator app shows."""

from django.test import Client
from django_otp.oath import totp

from nashra.accounts import services

from .factories import PASSWORD

HERE, THERE = "203.0.113.7", "198.51.100.9"


def client_at(address):
    return Client(REMOTE_ADDR=address)


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def enrol(user):
    """Set up an authenticator app for the user as the set-up page does; return it and the
    recovery codes."""
    device = services.pending_authenticator(user)
    codes = services.confirm_authenticator(user, device, code_for(device))
    device.refresh_from_db()
    return device, codes


def code_for(device, steps_ahead=0):
    """The code the user's authenticator app shows now (or that many steps later)."""
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{token:0{device.digits}d}"


def signed_in_to_admin(client):
    response = client.get("/admin/")
    return response.status_code == 200
