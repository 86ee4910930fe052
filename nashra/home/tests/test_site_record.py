"""The Wagtail site record carries the network's name and the address the demo is served at."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Site

from nashra.accounts.tests.factories import prefer_admin_language
from nashra.home.services import set_edition_settings

pytestmark = pytest.mark.django_db


def test_the_site_is_named_after_its_edition(en_home, ar_home):
    assert Site.objects.get(is_default_site=True).site_name == "Nashra Network"
    set_edition_settings("en", site_name="Nashra Daily")
    assert Site.objects.get(is_default_site=True).site_name == "Nashra Daily"
    # The Arabic edition is not the site's root: its name leaves the site record alone.
    set_edition_settings("ar", site_name="نشرة اليوم")
    assert Site.objects.get(is_default_site=True).site_name == "Nashra Daily"


def dashboard_title(client, user):
    client.force_login(user)
    html = BeautifulSoup(client.get("/admin/").content, "html.parser")
    return html.find("h1").get_text(strip=True)


def test_the_dashboard_greets_with_the_network_name_in_the_admin_language(
    ar_home, admin_user, client
):
    assert dashboard_title(client, admin_user) == "Nashra Network"
    assert dashboard_title(client, prefer_admin_language(admin_user, "ar")) == "شبكة نشرة"


def test_the_demo_serves_its_site_record_at_the_port_it_runs_on(db):
    call_command("load_demo", "--no-articles", "--no-admin", "--port", "8123", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name) == ("127.0.0.1", 8123, "Nashra Network")
    assert site.root_page.specific.full_url == "http://127.0.0.1:8123/en/"
