import pytest
from bs4 import BeautifulSoup
from django.core import mail

from nashra.pages.models import ContactMessage, ContactPage

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Samira Haddad",
    "email": "samira@example.org",
    "subject": "A correction",
    "message": "The photo caption names the wrong village.",
    "website": "",
}


@pytest.fixture
def contact_page(en_home):
    page = ContactPage(title="Contact Us", slug="contact-us", show_in_menus=True)
    en_home.add_child(instance=page)
    return page


def test_form_shows_fields_and_csrf_token(client, contact_page):
    html = BeautifulSoup(client.get(contact_page.url).content, "html.parser")
    form = html.select_one("form.contact-form")
    assert form["method"] == "post"
    assert {field["name"] for field in form.select("input, textarea")} >= {
        "csrfmiddlewaretoken",
        "name",
        "email",
        "subject",
        "message",
        "website",
    }
    trap = form.select_one(".form-field--trap")
    assert trap["aria-hidden"] == "true"


def test_valid_message_is_stored_and_thanked(
    client, contact_page, settings, django_capture_on_commit_callbacks
):
    settings.NASHRA_CONTACT_EMAIL = "desk@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_page.url, VALID)
    assert response.status_code == 302
    assert response["Location"] == "/en/contact-us/thanks/"
    message = ContactMessage.objects.get()
    assert message.subject == "A correction"
    assert message.locale == contact_page.locale
    thanks = client.get(response["Location"])
    assert b"Thank you" in thanks.content
    assert mail.outbox and mail.outbox[0].to == ["desk@example.org"]


@pytest.mark.parametrize(
    "field, value, error",
    [
        ("email", "not-an-email", "Enter a valid email address."),
        ("name", "", "This field is required."),
        ("message", "", "This field is required."),
        ("subject", "x" * 201, "Ensure this value has at most 200 characters"),
    ],
)
def test_invalid_message_shows_errors_and_stores_nothing(client, contact_page, field, value, error):
    response = client.post(contact_page.url, {**VALID, field: value})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert error in html.select_one(f"#id_{field}-errors").get_text()
    assert html.select_one(f"#id_{field}").get("aria-invalid") == "true"
    assert not ContactMessage.objects.exists()


def test_honeypot_filled_is_thanked_but_not_stored(client, contact_page):
    response = client.post(contact_page.url, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not ContactMessage.objects.exists()


def test_rate_limit_per_address(client, contact_page, settings):
    settings.NASHRA_CONTACT_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(contact_page.url, VALID, REMOTE_ADDR="10.1.1.1").status_code == 302
    blocked = client.post(contact_page.url, VALID, REMOTE_ADDR="10.1.1.1")
    assert blocked.status_code == 429
    assert b"Please wait a few minutes" in blocked.content
    assert ContactMessage.objects.count() == 2
    # Another reader is not held back by the first one.
    assert client.post(contact_page.url, VALID, REMOTE_ADDR="10.2.2.2").status_code == 302


def test_post_without_csrf_token_is_refused(contact_page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(contact_page.url, VALID).status_code == 403


def test_messages_are_listed_in_the_admin(admin_client, client, contact_page):
    client.post(contact_page.url, VALID)
    response = admin_client.get("/admin/snippets/pages/contactmessage/")
    assert response.status_code == 200
    assert b"A correction" in response.content
    assert b"samira@example.org" in response.content


def test_rate_limit_counts_each_reader_behind_the_proxies_apart(client, contact_page, settings):
    """Behind nginx → Varnish every post comes from 127.0.0.1; readers are still told apart."""
    settings.NASHRA_TRUSTED_PROXIES = "2"
    settings.NASHRA_CONTACT_RATE_LIMIT = 1

    def post(reader):
        return client.post(
            contact_page.url,
            VALID,
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"{reader}, 127.0.0.1",
        )

    assert post("203.0.113.7").status_code == 302
    assert post("203.0.113.7").status_code == 429
    # Writing another address at the left of the header does not give a fresh count.
    assert post("198.51.100.1, 203.0.113.7").status_code == 429
    assert post("203.0.113.8").status_code == 302


def test_only_messages_that_would_be_saved_are_counted(client, contact_page, settings):
    settings.NASHRA_CONTACT_RATE_LIMIT = 1
    client.post(contact_page.url, {**VALID, "email": "not-an-email"}, REMOTE_ADDR="10.3.3.3")
    client.post(contact_page.url, {**VALID, "website": "http://spam"}, REMOTE_ADDR="10.3.3.3")
    client.get(contact_page.url, REMOTE_ADDR="10.3.3.3")
    assert client.post(contact_page.url, VALID, REMOTE_ADDR="10.3.3.3").status_code == 302
    assert client.post(contact_page.url, VALID, REMOTE_ADDR="10.3.3.3").status_code == 429


def test_the_count_is_kept_in_the_ratelimit_cache_without_the_address(
    client, contact_page, settings
):
    from django.core.cache import caches
    from django.test import RequestFactory

    from nashra.pages.ratelimit import contact_usage

    settings.RATELIMIT_USE_CACHE = "counters"
    client.post(contact_page.url, VALID, REMOTE_ADDR="10.4.4.4")
    client.post(contact_page.url, VALID, REMOTE_ADDR="10.4.4.4")
    usage = contact_usage(RequestFactory().post("/", REMOTE_ADDR="10.4.4.4"), increment=False)
    assert usage["count"] == 2
    assert usage["limit"] == settings.NASHRA_CONTACT_RATE_LIMIT
    stored = caches["counters"]._cache  # LocMemCache: key → pickled value
    assert len([key for key in stored if ":rl:" in key]) == 1
    assert not any("10.4.4.4" in key for key in stored)
    assert not any(key for key in caches["default"]._cache if "rl:" in key)


def test_the_count_starts_again_at_the_end_of_the_fixed_window(
    client, contact_page, settings, monkeypatch
):
    """django-ratelimit's windows are fixed (aligned to the epoch, shifted per reader), not
    started by the reader's first message: the next window begins after time_left seconds."""
    import types

    import django_ratelimit.core
    from django.test import RequestFactory

    from nashra.pages.ratelimit import contact_usage

    settings.NASHRA_CONTACT_RATE_LIMIT = 1
    settings.NASHRA_CONTACT_RATE_WINDOW = 600
    now = [1_800_000_000.0]
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: now[0]))

    assert client.post(contact_page.url, VALID, REMOTE_ADDR="10.5.5.5").status_code == 302
    assert client.post(contact_page.url, VALID, REMOTE_ADDR="10.5.5.5").status_code == 429
    usage = contact_usage(RequestFactory().post("/", REMOTE_ADDR="10.5.5.5"), increment=False)
    assert 0 <= usage["time_left"] <= 600
    now[0] += usage["time_left"]
    assert client.post(contact_page.url, VALID, REMOTE_ADDR="10.5.5.5").status_code == 429
    now[0] += 1
    assert client.post(contact_page.url, VALID, REMOTE_ADDR="10.5.5.5").status_code == 302


def test_a_window_of_zero_turns_the_limit_off(client, contact_page, settings):
    settings.NASHRA_CONTACT_RATE_LIMIT = 1
    settings.NASHRA_CONTACT_RATE_WINDOW = 0
    for _ in range(3):
        assert client.post(contact_page.url, VALID, REMOTE_ADDR="10.6.6.6").status_code == 302
