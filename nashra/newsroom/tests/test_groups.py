"""The newsroom's groups follow the page tree."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, WorkflowPage

from nashra.newsroom import roles
from nashra.newsroom.services import section_groups

pytestmark = pytest.mark.django_db


def test_base_groups_exist_after_migrate():
    for name in roles.BASE_GROUPS:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists(), name


def test_sections_and_editions_get_their_groups(middle_east, ar_home):
    names = set(Group.objects.values_list("name", flat=True))
    assert {
        "Writers · en · news",
        "Editors · en · news",
        "Writers · en · news/middle-east",
        "Editors · en · news/middle-east",
        "Chief editors · en",
        "Chief editors · ar",
    } <= names
    editors = Group.objects.get(name="Editors · en · news/middle-east")
    codenames = set(
        GroupPagePermission.objects.filter(group=editors, page=middle_east).values_list(
            "permission__codename", flat=True
        )
    )
    assert "publish_page" in codenames
    writers = Group.objects.get(name="Writers · en · news/middle-east")
    assert not GroupPagePermission.objects.filter(
        group=writers, permission__codename="publish_page"
    ).exists()
    assert writers.permissions.filter(codename="access_admin").exists()


def test_every_edition_is_under_review(en_home, ar_home):
    for home in (en_home, ar_home):
        assert WorkflowPage.objects.get(page=home).workflow.name == roles.REVIEW_WORKFLOW


def test_sync_is_idempotent_and_follows_a_renamed_section(middle_east):
    before = Group.objects.count()
    call_command("sync_newsroom_groups", stdout=None)
    assert Group.objects.count() == before
    middle_east.slug = "mena"
    middle_east.save()
    writers, editors = section_groups(middle_east)
    assert writers.name == "Writers · en · news/mena"
    assert editors.name == "Editors · en · news/mena"
    assert Group.objects.count() == before
