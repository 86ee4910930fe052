"""A desk works in its edition's language: a new member of the Arabic desk gets the Arabic admin."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.users.models import UserProfile

from nashra.newsroom import roles
from nashra.newsroom.services import edition_groups, section_groups

from .factories import make_member

pytestmark = pytest.mark.django_db


def admin_language(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser").html
    return html["lang"], html["dir"]


def test_a_new_arabic_desk_member_gets_the_arabic_admin(ar_news, client):
    writer = make_member("katib", roles.WRITERS, section_groups(ar_news)[0])
    assert admin_language(client, writer) == ("ar", "rtl")


def test_the_arabic_chief_editor_gets_the_arabic_admin(ar_home, client):
    chief = make_member("raees", roles.CHIEF_EDITORS, edition_groups(ar_home))
    assert admin_language(client, chief) == ("ar", "rtl")


def test_an_english_desk_member_keeps_the_english_admin(middle_east, client):
    writer = make_member("scribe", roles.WRITERS, section_groups(middle_east)[0])
    assert admin_language(client, writer) == ("en", "ltr")


def test_a_member_of_both_desks_keeps_the_default(ar_news, middle_east, client):
    editor = make_member("both", roles.EDITORS)
    # The Users admin saves all of a person's groups at once.
    editor.groups.add(section_groups(ar_news)[1], section_groups(middle_east)[1])
    assert UserProfile.get_for_user(editor).preferred_language == ""
    assert admin_language(client, editor) == ("en", "ltr")


def test_joining_the_arabic_desk_from_the_group_side(ar_news, client):
    writer = make_member("later", roles.WRITERS)
    section_groups(ar_news)[0].user_set.add(writer)
    assert admin_language(client, writer) == ("ar", "rtl")


def test_a_chosen_language_is_never_overridden(ar_news, client):
    writer = make_member("chooser", roles.WRITERS)
    profile = UserProfile.get_for_user(writer)
    profile.preferred_language = "en"
    profile.save()
    writer.groups.add(section_groups(ar_news)[0])
    assert admin_language(client, writer) == ("en", "ltr")


def test_the_member_can_switch_in_their_preferences(ar_news, client):
    writer = make_member("switcher", roles.WRITERS, section_groups(ar_news)[0])
    client.force_login(writer)
    form = BeautifulSoup(client.get("/admin/account/").content, "html.parser").find(
        "form", id="w-editor-form"
    )
    data = {
        field["name"]: field.get("value", "")
        for field in form.find_all("input", attrs={"name": True})
        if field.get("type") not in ("radio", "checkbox") or field.has_attr("checked")
    }
    for select in form.find_all("select"):
        chosen = select.find("option", selected=True) or select.find("option")
        data[select["name"]] = chosen.get("value", "")
    data.update({"name_email-first_name": "Salma", "name_email-last_name": "Ali"})
    data["locale-preferred_language"] = "en"
    response = client.post("/admin/account/", data)
    assert response.status_code == 302
    assert admin_language(client, writer) == ("en", "ltr")
    # Joining another Arabic desk later keeps the member's own choice.
    writer.groups.add(Group.objects.get(name=roles.WRITERS))
    assert admin_language(client, writer) == ("en", "ltr")


def test_the_submit_button_names_the_review_in_the_desks_language(ar_news, client):
    writer = make_member("katib2", roles.WRITERS, section_groups(ar_news)[0])
    client.force_login(writer)
    html = client.get(f"/admin/pages/add/news/articlepage/{ar_news.pk}/").content.decode()
    with translation.override("ar"):
        review = translation.gettext(roles.REVIEW_WORKFLOW)
    assert review != roles.REVIEW_WORKFLOW
    assert roles.REVIEW_WORKFLOW not in html
    assert f"{review}</button>" in html
