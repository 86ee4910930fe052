"""Newsroom groups and the review workflow, kept in step with the page tree.

Every section gets a "Writers · <edition> · <path>" and an "Editors · …" group holding
Wagtail page permissions on it; every edition a "Chief editors · <edition>" group on its
home page, and the "Newsroom review" workflow. An administrator then puts people in those
groups in the Wagtail Users admin.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.admin.localization import get_available_admin_languages
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from nashra.home.models import HomePage
from nashra.news.models import SectionPage

from . import roles
from .models import SectionEditorTask


def _edition_code(page):
    return page.locale.language_code


def _section_path(section, home):
    return section.url_path[len(home.url_path) :].strip("/")


def _group_for(page, role, name):
    """Return the role's group holding permissions on page, created or renamed to name."""
    prefix = role + roles.SEPARATOR
    group = (
        Group.objects.filter(page_permissions__page=page, name__startswith=prefix)
        .distinct()
        .first()
    )
    if group is None:
        group, _ = Group.objects.get_or_create(name=name)
    elif group.name != name and not Group.objects.filter(name=name).exists():
        group.name = name
        group.save(update_fields=["name"])
    _grant(group, page, role)
    return group


def _grant(group, page, role):
    base = Group.objects.filter(name=role).first()
    if base is not None:
        # One group is enough to work: it carries the role's admin, snippet and image rights.
        group.permissions.add(*base.permissions.all())
        for grant in GroupCollectionPermission.objects.filter(group=base):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection_id=grant.collection_id, permission_id=grant.permission_id
            )
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=roles.PAGE_PERMISSIONS[role]
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def edition_home(page):
    return HomePage.objects.ancestor_of(page, inclusive=True).first()


@transaction.atomic
def section_groups(section):
    """Return the section's (writers, editors) groups, creating them if needed."""
    home = edition_home(section)
    label = roles.SEPARATOR.join([_edition_code(section), _section_path(section, home)])
    writers = _group_for(section, roles.WRITERS, roles.WRITERS + roles.SEPARATOR + label)
    editors = _group_for(section, roles.EDITORS, roles.EDITORS + roles.SEPARATOR + label)
    return writers, editors


@transaction.atomic
def edition_groups(home):
    """Return the edition's chief editors group, and put the edition under review."""
    name = roles.CHIEF_EDITORS + roles.SEPARATOR + _edition_code(home)
    chiefs = _group_for(home, roles.CHIEF_EDITORS, name)
    assign_review_workflow(home)
    return chiefs


def review_workflow():
    """Return the "Newsroom review" workflow, with its one section editor task."""
    workflow, _ = Workflow.objects.get_or_create(name=roles.REVIEW_WORKFLOW)
    if not workflow.workflow_tasks.exists():
        task = SectionEditorTask.objects.filter(name=roles.REVIEW_TASK).first()
        if task is None:
            task = SectionEditorTask.objects.create(name=roles.REVIEW_TASK)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def assign_review_workflow(home):
    workflow = review_workflow()
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def sync_newsroom_groups():
    """Create the groups and workflow of every edition and section; return how many pages."""
    count = 0
    for home in HomePage.objects.select_related("locale"):
        edition_groups(home)
        count += 1
    for section in SectionPage.objects.select_related("locale"):
        section_groups(section)
        count += 1
    return count


def desk_language(group_ids):
    """Return the one edition language the groups' desks are in, or None (none, or several)."""
    languages = set(
        GroupPagePermission.objects.filter(group_id__in=group_ids)
        .values_list("page__locale__language_code", flat=True)
        .distinct()
    )
    return languages.pop() if len(languages) == 1 else None


def adopt_desk_language(user):
    """Give a member who has not chosen an admin language the language of their new desk.

    A choice made in the account's preferences is never overridden; a member of desks in
    both editions keeps the server's default.
    """
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language:
        return
    language = desk_language(user.groups.values_list("pk", flat=True))
    if language is None or language not in dict(get_available_admin_languages()):
        return
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])
