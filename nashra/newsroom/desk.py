"""What a member of the newsroom has on their plate today: the dashboard's queries.

Each function costs a fixed number of queries whatever the size of the archive or of the
list it returns (the dashboard tests count them), and sees only what the person may see.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Length, Substr
from django.utils import timezone
from wagtail.models import Locale, Page, Revision, TaskState, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from nashra.analytics.most_read import WINDOWS, most_read_articles
from nashra.core.dates import zone
from nashra.core.models import EditionSettings
from nashra.corrections.models import Correction, TranslationFollowUp
from nashra.curation.models import BreakingNews, HomeCuration
from nashra.live.models import LivePage
from nashra.news.models import ArticlePage

from . import roles

LIMIT = 10
SOON = datetime.timedelta(hours=24)
RECENT_CORRECTIONS = datetime.timedelta(days=7)


@dataclass
class Desk:
    """A person's place in the newsroom: their roles, and the editions they run as chief."""

    user: object
    roles: set = field(default_factory=set)
    chief_of: list = field(default_factory=list)  # locales
    locale: Locale | None = None  # the one edition all their desks are in, if there is one

    @classmethod
    def of(cls, user):
        """Return the desk of a user: one query for their groups' names and editions."""
        desk = cls(user)
        names = set(user.groups.values_list("name", flat=True))
        for role in roles.BASE_GROUPS:
            prefix = role + roles.SEPARATOR
            if role in names or any(name.startswith(prefix) for name in names):
                desk.roles.add(role)
        # Desk groups are named "<role> · <edition> · <section>" or "<role> · <edition>".
        codes = {name.split(roles.SEPARATOR)[1] for name in names if roles.SEPARATOR in name}
        if user.is_superuser:
            desk.roles.add(roles.ADMINISTRATORS)
            desk.chief_of = list(Locale.objects.order_by("language_code"))
        else:
            chief_codes = [
                name.split(roles.SEPARATOR)[1]
                for name in names
                if name.startswith(roles.CHIEF_EDITORS + roles.SEPARATOR)
            ]
            if chief_codes:
                desk.chief_of = list(
                    Locale.objects.filter(language_code__in=chief_codes).order_by("language_code")
                )
        if len(codes) == 1:
            desk.locale = Locale.objects.filter(language_code=codes.pop()).first()
        return desk

    @property
    def writes(self):
        return roles.WRITERS in self.roles

    @property
    def reviews(self):
        return bool(self.roles & {roles.EDITORS, roles.CHIEF_EDITORS, roles.ADMINISTRATORS})


def start_of_day(locale=None, now=None):
    """Return the last midnight in the edition's time zone (the default edition without one)."""
    now = now or timezone.now()
    name = EditionSettings.for_locale(locale).time_zone if locale else ""
    local = timezone.localtime(now, zone(name or ""))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def _page_type():
    return ContentType.objects.get_for_model(Page)


def _page_id_text():
    return Cast(OuterRef("pk"), output_field=CharField())


def _workflow_states(*statuses):
    return WorkflowState.objects.filter(
        base_content_type=_page_type(), object_id=_page_id_text(), status__in=statuses
    )


def _publishable_ids(user):
    """The pages the user may publish, as the text ids revisions and workflow states hold."""
    return (
        PagePermissionPolicy()
        .instances_user_has_any_permission_for(user, ["publish"])
        .annotate(pk_text=Cast("pk", CharField()))
        .values("pk_text")
    )


def _mine(user):
    """The pages the user owns and may still edit: leaving a desk leaves its drafts behind."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return Page.objects.filter(owner=user, pk__in=editable.values("pk"))


def with_sections(pages):
    """Set ``section`` (the parent page's title) on each page, with one query for them all."""
    parent_paths = {page.path[: -Page.steplen] for page in pages}
    titles = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "draft_title"))
    for page in pages:
        page.section = titles.get(page.path[: -Page.steplen], "")
    return pages


# The writer's day.


def my_drafts(user):
    """The writer's drafts not in review, newest first; a returned one carries the comment."""
    returned = TaskState.objects.filter(
        workflow_state__base_content_type=_page_type(),
        workflow_state__object_id=_page_id_text(),
        workflow_state__status=WorkflowState.STATUS_NEEDS_CHANGES,
        status=TaskState.STATUS_REJECTED,
    ).order_by("-finished_at")
    pages = list(
        _mine(user)
        .filter(has_unpublished_changes=True)
        .exclude(Exists(_workflow_states(WorkflowState.STATUS_IN_PROGRESS)))
        .exclude(
            Exists(
                Revision.page_revisions.filter(
                    object_id=_page_id_text(), approved_go_live_at__isnull=False
                )
            )
        )
        .annotate(
            review_comment=Subquery(returned.values("comment")[:1]),
            reviewer_first=Subquery(returned.values("finished_by__first_name")[:1]),
            reviewer_last=Subquery(returned.values("finished_by__last_name")[:1]),
            reviewer_username=Subquery(returned.values("finished_by__username")[:1]),
            returned_at=Subquery(returned.values("finished_at")[:1]),
        )
        .order_by("-latest_revision_created_at", "-pk")[:LIMIT]
    )
    for page in pages:
        full_name = f"{page.reviewer_first or ''} {page.reviewer_last or ''}".strip()
        page.reviewer = full_name or page.reviewer_username or ""
    return with_sections(pages)


def my_waiting(user):
    """The writer's articles submitted for review and not yet decided, oldest first."""
    submitted = _workflow_states(WorkflowState.STATUS_IN_PROGRESS)
    return with_sections(
        list(
            _mine(user)
            .annotate(submitted_at=Subquery(submitted.values("created_at")[:1]))
            .filter(submitted_at__isnull=False)
            .order_by("submitted_at", "pk")[:LIMIT]
        )
    )


def _scheduled(pages, after, until=None):
    revisions = Revision.page_revisions.filter(
        object_id=_page_id_text(), approved_go_live_at__gt=after
    )
    if until is not None:
        revisions = revisions.filter(approved_go_live_at__lte=until)
    revisions = revisions.order_by("approved_go_live_at")
    return with_sections(
        list(
            pages.annotate(
                go_live=Subquery(revisions.values("approved_go_live_at")[:1]),
                scheduled_revision=Subquery(revisions.values("pk")[:1]),
            )
            .filter(go_live__isnull=False)
            .order_by("go_live", "pk")[:LIMIT]
        )
    )


def my_scheduled(user, now=None):
    """The writer's articles approved and waiting for their time, soonest first."""
    return _scheduled(_mine(user), now or timezone.now())


def my_published_today(user, since):
    return with_sections(
        list(
            _mine(user)
            .live()
            .filter(last_published_at__gte=since)
            .order_by("-last_published_at", "-pk")[:LIMIT]
        )
    )


def my_corrections(user, now=None):
    """Corrections of the last week on the writer's articles, newest first."""
    since = (now or timezone.now()) - RECENT_CORRECTIONS
    return list(
        Correction.objects.filter(article__in=_mine(user).values("pk"), date__gte=since)
        .select_related("article")
        .order_by("-date", "-pk")[:LIMIT]
    )


def my_follow_ups(user):
    """Open follow-ups on the writer's articles: a correction to carry into the translation."""
    return list(
        TranslationFollowUp.objects.filter(article__in=_mine(user).values("pk"), done=False)
        .select_related("article__locale", "correction")
        .order_by("-created", "-pk")[:LIMIT]
    )


# The section editor's day.


@dataclass
class ReviewItem:
    page: Page
    task_state: TaskState
    submitted_by: object

    @property
    def waiting(self):
        return timezone.now() - self.task_state.started_at


def review_queue(user):
    """Return (the oldest waiting reviews the user may decide, how many wait in all)."""
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__base_content_type=_page_type(),
    )
    if not user.is_superuser:
        states = states.filter(workflow_state__object_id__in=_publishable_ids(user))
    total = states.count()
    oldest = list(
        states.select_related("workflow_state__requested_by", "task").order_by("started_at", "pk")[
            :LIMIT
        ]
    )
    pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in oldest])
    items = [
        ReviewItem(
            pages[int(state.workflow_state.object_id)], state, state.workflow_state.requested_by
        )
        for state in oldest
        if int(state.workflow_state.object_id) in pages
    ]
    with_sections([item.page for item in items])
    return items, total


def _publishable_pages(user):
    pages = Page.objects.all()
    if not user.is_superuser:
        pages = pages.annotate(pk_text=Cast("pk", CharField())).filter(
            pk_text__in=_publishable_ids(user)
        )
    return pages


def scheduled_soon(user, now=None):
    """What goes live in the next 24 hours in the pages the user may publish."""
    now = now or timezone.now()
    return _scheduled(_publishable_pages(user), now, now + SOON)


def embargoes_ending(user, now=None):
    """Articles whose embargo ends in the next 24 hours, in the pages the user may publish."""
    now = now or timezone.now()
    ids = _publishable_pages(user).values("pk")
    return with_sections(
        list(
            ArticlePage.objects.filter(
                pk__in=ids, embargo_until__gt=now, embargo_until__lte=now + SOON
            ).order_by("embargo_until", "pk")[:LIMIT]
        )
    )


# The chief editor's day.


@dataclass
class EditionDay:
    locale: Locale
    since: datetime.datetime
    published_per_section: list  # (section title, count), most first
    published_total: int
    breaking: BreakingNews | None
    curation: HomeCuration | None
    top_story: ArticlePage | None
    featured: list
    most_read: list
    live_now: list


def _published_per_section(locale, since):
    steplen = Page.steplen
    rows = (
        ArticlePage.objects.live()
        .filter(locale=locale, first_published_at__gte=since)
        .annotate(parent_path=Substr("path", 1, Length("path") - steplen, output_field=CharField()))
        .values("parent_path")
        .annotate(count=Count("pk"))
        .order_by("-count", "parent_path")
    )
    rows = list(rows)
    titles = dict(
        Page.objects.filter(path__in=[row["parent_path"] for row in rows]).values_list(
            "path", "title"
        )
    )
    per_section = [(titles.get(row["parent_path"], ""), row["count"]) for row in rows]
    return per_section, sum(count for _title, count in per_section)


def _live_now(locale, now):
    started = Q(coverage_starts_at__isnull=True) | Q(coverage_starts_at__lte=now)
    running = Q(coverage_ends_at__isnull=True) | Q(coverage_ends_at__gt=now)
    return list(
        LivePage.objects.live()
        .filter(started & running, locale=locale)
        .annotate(
            update_count=Count("updates", filter=Q(updates__status="published"), distinct=True)
        )
        .order_by("-first_published_at", "-pk")[:LIMIT]
    )


def edition_day(locale, now=None):
    """The chief editor's view of one edition's day."""
    now = now or timezone.now()
    since = start_of_day(locale, now)
    per_section, total = _published_per_section(locale, since)
    curation = HomeCuration.objects.filter(locale=locale).first()
    top_story, featured = HomeCuration.pins_for(locale)
    return EditionDay(
        locale=locale,
        since=since,
        published_per_section=per_section,
        published_total=total,
        breaking=BreakingNews.objects.filter(locale=locale)
        .active(now)
        .order_by("-starts_at")
        .first(),
        curation=curation,
        top_story=top_story,
        featured=featured,
        most_read=most_read_articles(locale, WINDOWS["day"], now),
        live_now=_live_now(locale, now),
    )
