"""The dashboard of each role: the writer's, the section editor's and the chief editor's day.

Wagtail's own workflow panels are replaced: they cost queries per item (a permission check
and the task list of every page), while each panel here costs a fixed number.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from nashra.curation.models import BreakingNews, HomeCuration

from . import desk as queries


@dataclass
class Row:
    """One line of a panel: what it is, a few facts, and the actions straight from here."""

    title: str
    url: str = ""
    language: str = ""
    facts: list = field(default_factory=list)
    moment: object = None  # shown as "3 hours ago" / "in 2 hours"
    note: str = ""
    note_by: str = ""
    actions: list = field(default_factory=list)  # (label, url)
    post_action: tuple = ()  # (label, url) of an action that changes something: a form

    def __post_init__(self):
        self.facts = [fact for fact in self.facts if fact]

    @property
    def is_future(self):
        return self.moment is not None and self.moment > timezone.now()

    @property
    def direction(self):
        return "rtl" if self.language and get_language_info(self.language)["bidi"] else "ltr"


def _languages():
    return dict(Locale.objects.values_list("pk", "language_code"))


def _edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _page_row(page, languages, **extra):
    extra.setdefault("facts", [page.section] if getattr(page, "section", "") else [])
    return Row(
        title=page.draft_title or page.title,
        url=_edit(page),
        language=languages.get(page.locale_id, ""),
        **extra,
    )


class DashboardMedia:
    css = {"all": ["css/newsroom-dashboard.css"]}


class ListPanel(Component):
    """A dashboard panel listing rows; shown with its empty text when there is nothing."""

    Media = DashboardMedia

    template_name = "newsroom/dashboard/list_panel.html"
    heading = ""
    empty = ""
    help_text = ""
    show_when_empty = True

    def __init__(self, rows, *, more_url="", more_label="", show_when_empty=None):
        self.rows = rows
        self.more_url = more_url
        self.more_label = more_label
        if show_when_empty is not None:
            self.show_when_empty = show_when_empty

    def get_context_data(self, parent_context=None):
        return {
            "panel_id": self.name.replace("_", "-"),
            "heading": self.heading,
            "help_text": self.help_text,
            "empty": self.empty,
            "rows": self.rows,
            "more_url": self.more_url,
            "more_label": self.more_label,
        }

    def render_html(self, parent_context=None):
        if not self.rows and not self.show_when_empty:
            return ""
        return super().render_html(parent_context)


# The writer's panels.


class MyDraftsPanel(ListPanel):
    name = "my_drafts"
    order = 20
    heading = _("My drafts")
    empty = _("No drafts. Articles you write and have not submitted wait here.")


class MyWaitingPanel(ListPanel):
    name = "my_waiting"
    order = 21
    heading = _("Submitted, waiting for review")
    empty = _("Nothing is waiting for a reviewer.")


class MyScheduledPanel(ListPanel):
    name = "my_scheduled"
    order = 22
    heading = _("My scheduled articles")
    empty = _("Nothing of yours is scheduled.")


class MyPublishedTodayPanel(ListPanel):
    name = "my_published_today"
    order = 23
    heading = _("Published today")
    empty = _("Nothing of yours has been published today yet.")


class MyCorrectionsPanel(ListPanel):
    name = "my_corrections"
    order = 24
    heading = _("Corrections and follow-ups on my articles")
    empty = _("No corrections on your articles this week.")


def writer_panels(request, desk, languages, show_when_empty=True):
    user = request.user
    drafts = [
        _page_row(
            page,
            languages,
            moment=page.latest_revision_created_at,
            note=page.review_comment or "",
            note_by=page.reviewer,
            actions=[(_("Edit"), _edit(page))],
        )
        for page in queries.my_drafts(user)
    ]
    waiting = [
        _page_row(
            page,
            languages,
            moment=page.submitted_at,
            actions=[
                (_("View"), _edit(page)),
                (_("History"), reverse("wagtailadmin_pages:workflow_history", args=[page.pk])),
            ],
            post_action=(_("Withdraw"), reverse("nashra_withdraw_submission", args=[page.pk])),
        )
        for page in queries.my_waiting(user)
    ]
    scheduled = [
        _page_row(
            page,
            languages,
            moment=page.go_live,
            actions=[(_("Edit"), _edit(page))],
        )
        for page in queries.my_scheduled(user)
    ]
    published = [
        _page_row(
            page,
            languages,
            moment=page.last_published_at,
            actions=[(_("Edit"), _edit(page)), (_("View live"), page.get_url(request) or "")],
        )
        for page in queries.my_published_today(user, queries.start_of_day(desk.locale))
    ]
    corrections = [
        Row(
            title=correction.article.draft_title,
            url=_edit(correction.article),
            language=languages.get(correction.article.locale_id, ""),
            facts=[correction.get_kind_display()],
            moment=correction.date,
            note=correction.text,
            actions=[(_("Edit article"), _edit(correction.article))],
        )
        for correction in queries.my_corrections(user)
    ] + [
        Row(
            title=follow_up.article.draft_title,
            url=_edit(follow_up.article),
            language=follow_up.article.locale.language_code,
            facts=[_("Follow-up: carry the correction into this translation")],
            moment=follow_up.created,
            note=follow_up.correction.text,
            actions=[(_("Edit translation"), _edit(follow_up.article))],
        )
        for follow_up in queries.my_follow_ups(user)
    ]
    return [
        MyDraftsPanel(drafts, show_when_empty=show_when_empty),
        MyWaitingPanel(waiting, show_when_empty=show_when_empty),
        MyScheduledPanel(scheduled, show_when_empty=show_when_empty),
        MyPublishedTodayPanel(published, show_when_empty=show_when_empty),
        MyCorrectionsPanel(corrections, show_when_empty=show_when_empty),
    ]


# The section editor's panels.


class ReviewQueuePanel(ListPanel):
    name = "review_queue"
    order = 10
    heading = _("Review queue, oldest first")
    empty = _("Nothing is waiting for your review.")


class ScheduledSoonPanel(ListPanel):
    name = "scheduled_soon"
    order = 11
    heading = _("Going live in the next 24 hours")
    empty = _("Nothing is scheduled in the next 24 hours.")


class EmbargoesEndingPanel(ListPanel):
    name = "embargoes_ending"
    order = 12
    heading = _("Embargoes ending in the next 24 hours")
    empty = _("No embargo ends in the next 24 hours.")


def _person(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def editor_panels(user, languages):
    items, total = queries.review_queue(user)
    review = [
        _page_row(
            item.page,
            languages,
            facts=[
                item.page.section,
                _("submitted by %(name)s") % {"name": _person(item.submitted_by)},
            ],
            moment=item.task_state.started_at,
            actions=[
                (_("Review"), _edit(item.page)),
                (
                    _("Preview"),
                    reverse(
                        "wagtailadmin_pages:workflow_preview",
                        args=[item.page.pk, item.task_state.task_id],
                    ),
                ),
            ],
        )
        for item in items
    ]
    more = ""
    if total > len(items):
        waiting = total - len(items)
        more = ngettext("%(count)s more is waiting", "%(count)s more are waiting", waiting) % {
            "count": waiting
        }
    scheduled = [
        _page_row(
            page,
            languages,
            moment=page.go_live,
            actions=[
                (_("Edit"), _edit(page)),
                (
                    _("Cancel schedule"),
                    reverse(
                        "wagtailadmin_pages:revisions_unschedule",
                        args=[page.pk, page.scheduled_revision],
                    ),
                ),
            ],
        )
        for page in queries.scheduled_soon(user)
    ]
    embargoes = [
        _page_row(page, languages, moment=page.embargo_until, actions=[(_("Edit"), _edit(page))])
        for page in queries.embargoes_ending(user)
    ]
    return [
        ReviewQueuePanel(
            review,
            more_label=more,
            more_url=reverse("wagtailadmin_reports:workflow_tasks") if more else "",
        ),
        ScheduledSoonPanel(scheduled),
        EmbargoesEndingPanel(embargoes),
    ]


# The chief editor's panel.


class EditionDayPanel(Component):
    """One edition's day: what went out, what is on air, what readers read."""

    template_name = "newsroom/dashboard/edition_day.html"
    order = 5
    Media = DashboardMedia

    def __init__(self, day, languages):
        self.day = day
        self.name = f"edition_day_{day.locale.language_code}"
        self.languages = languages

    def get_context_data(self, parent_context=None):
        day = self.day
        breaking_urls = BreakingNews.snippet_viewset
        curation_urls = HomeCuration.snippet_viewset
        return {
            "day": day,
            "panel_id": f"edition-day-{day.locale.language_code}",
            "language": day.locale.language_code,
            "edition": day.locale.get_display_name(),
            "breaking_url": reverse(breaking_urls.get_url_name("edit"), args=[day.breaking.pk])
            if day.breaking
            else "",
            "breaking_add_url": reverse(breaking_urls.get_url_name("add")),
            "curation_url": reverse(curation_urls.get_url_name("edit"), args=[day.curation.pk])
            if day.curation
            else reverse(curation_urls.get_url_name("add")),
            "featured": [article for article in day.featured if article is not None],
            "most_read": [
                Row(
                    title=article.title,
                    url=_edit(article),
                    language=day.locale.language_code,
                    facts=[
                        ngettext(
                            "%(count)s view in 24 hours",
                            "%(count)s views in 24 hours",
                            article.recent_views,
                        )
                        % {"count": article.recent_views}
                    ],
                    actions=[
                        (_("Edit"), _edit(article)),
                        (
                            _("Unpublish"),
                            reverse("wagtailadmin_pages:unpublish", args=[article.pk]),
                        ),
                    ],
                )
                for article in day.most_read
            ],
            "live_now": [
                Row(
                    title=page.title,
                    url=reverse("nashra_live_desk", args=[page.pk]),
                    language=day.locale.language_code,
                    facts=[
                        ngettext("%(count)s update", "%(count)s updates", page.update_count)
                        % {"count": page.update_count}
                    ],
                    actions=[
                        (_("Post updates"), reverse("nashra_live_desk", args=[page.pk])),
                        (_("Edit"), _edit(page)),
                    ],
                )
                for page in day.live_now
            ],
        }


def chief_panels(desk, languages):
    return [EditionDayPanel(queries.edition_day(locale), languages) for locale in desk.chief_of]


REPLACED = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}


def construct_panels(request, panels):
    """The hook: the person's own panels in place of Wagtail's workflow panels."""
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED]
    desk = queries.Desk.of(request.user)
    languages = _languages()
    if desk.reviews:
        panels.extend(editor_panels(request.user, languages))
    if desk.writes or desk.reviews:
        # An editor writes too: their own drafts and returns show when they have any.
        panels.extend(writer_panels(request, desk, languages, show_when_empty=not desk.reviews))
    panels.extend(chief_panels(desk, languages))
