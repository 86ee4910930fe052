"""Feeds are fetched from the public internet only, whatever the address or its redirects say."""

import ipaddress

import pytest
from django.core.exceptions import ValidationError

from nashra.wire import addresses, fetch
from nashra.wire.models import WireItem
from nashra.wire.polling import poll_feed

from .factories import PartnerFeedFactory
from .feeds import rss

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_refused(settings):
    settings.NASHRA_WIRE_ALLOW_PRIVATE_HOSTS = False


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "2130706433"],
    ids=["loopback", "a-name-for-it", "ipv4-in-ipv6", "decimal"],
)
def test_a_feed_on_this_machine_is_refused(two_editions, feed_server, private_refused, host):
    feed_server.serve("/rss", rss([{"guid": "1", "title": "Internal"}]))
    feed = PartnerFeedFactory(url=f"http://{host}:{feed_server.port}/rss")

    result = poll_feed(feed)

    assert result.error.startswith("refused:"), result.error
    assert feed_server.requests == []  # no connection was made
    assert not WireItem.objects.exists()
    feed.refresh_from_db()
    assert feed.consecutive_failures == 1 and "private or local address" in feed.last_error


def test_a_redirect_to_the_metadata_service_is_refused(
    two_editions, feed_server, private_refused, monkeypatch
):
    """The partner's server counts as public here; where it redirects to does not."""
    checked = []

    def public_except_metadata(address):
        checked.append(address)
        return address == "127.0.0.1" or addresses.is_public(ipaddress.ip_address(address))

    monkeypatch.setattr(fetch, "address_allowed", public_except_metadata)
    feed_server.serve(
        "/rss", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    feed = PartnerFeedFactory(url=feed_server.url("/rss"))

    result = poll_feed(feed)

    assert result.error == (
        "refused: 169.254.169.254 is at 169.254.169.254, a private or local address"
    )
    assert checked == ["127.0.0.1", "169.254.169.254"]
    assert feed_server.paths() == ["/rss"]


def test_the_setting_lets_a_private_feed_through(two_editions, feed_server, settings):
    settings.NASHRA_WIRE_ALLOW_PRIVATE_HOSTS = True
    feed = PartnerFeedFactory(url=feed_server.serve("/rss", rss([{"guid": "1", "title": "Ok"}])))

    assert poll_feed(feed).new == 1


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("100.64.0.1", False),  # carrier-grade NAT
        ("169.254.169.254", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fd00::1", False),
        ("fe80::1%eth0", False),
        ("::ffff:10.0.0.1", False),
        ("2002:7f00:1::", False),  # 6to4 carrying 127.0.0.1
    ],
)
def test_which_addresses_are_public(private_refused, address, public):
    assert addresses.address_allowed(address) is public


def test_the_form_refuses_a_private_address_and_other_schemes(two_editions, private_refused):
    feed = PartnerFeedFactory.build(
        locale=two_editions.en.locale, url="http://169.254.169.254/latest/", name="Metadata"
    )
    with pytest.raises(ValidationError) as refused:
        feed.full_clean()
    assert "url" in refused.value.message_dict

    feed.url = "ftp://partner.example/feed.xml"
    with pytest.raises(ValidationError) as refused:
        feed.full_clean()
    assert refused.value.message_dict["url"] == ["Enter an http:// or https:// address."]
