"""A day's work on the demo's desks, so each demo account's dashboard has something to show.

The writer has a draft sent back with the editor's comment, one waiting for review and one
scheduled; the editors have reviews waiting (in English and in Arabic) and an embargo ending;
the chief has a breaking line on the air and the most-read list. Times are counted from now,
so the day looks current whenever the demo is loaded. Loading again adds nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from nashra.analytics.counting import hour_of
from nashra.analytics.models import ArticleViews
from nashra.curation.models import BreakingNews
from nashra.home.models import HomePage
from nashra.news.models import ArticlePage, SectionPage

COMMENT = (
    "Name the port official you quote, and give the date the harbour reopened. "
    "Then send it back to me."
)
# (language, section path, slug, title, lead, owner, what happens to it)
STORIES = [
    (
        "en",
        "news/middle-east",
        "mocha-fishermen-return",
        "Fishermen return to Mocha harbour after two years",
        "Dozens of boats sailed out at dawn as the harbour reopened to fishing.",
        "writer",
        "returned",
    ),
    (
        "en",
        "news/middle-east",
        "aden-fuel-ships-dock",
        "Power cuts ease in Aden as fuel ships dock",
        "Two tankers unloaded overnight, and the electricity company promised longer hours.",
        "writer",
        "submitted",
    ),
    (
        "en",
        "news/middle-east",
        "sanaa-book-fair-opens",
        "Sanaa book fair opens its doors to readers",
        "Publishers from six countries bring 40,000 titles to the capital's fairground.",
        "writer",
        "scheduled",
    ),
    (
        "en",
        "news",
        "food-security-report",
        "UN report: food insecurity falls for the first time in five years",
        "The report is under embargo until its release in Geneva.",
        "editor",
        "embargoed",
    ),
    (
        "ar",
        "news",
        "سفن-الوقود-ميناء-عدن",
        "وصول سفينتي وقود إلى ميناء عدن وتحسن في ساعات الكهرباء",
        "أفرغت ناقلتان حمولتهما خلال الليل، ووعدت مؤسسة الكهرباء بساعات تشغيل أطول.",
        "writer-ar",
        "submitted",
    ),
]
BREAKING = "Ceasefire talks resume in Muscat, mediators say"
MOST_READ_VIEWS = (1840, 1215, 960, 702, 455)


def _section(language_code, path):
    home = HomePage.objects.for_language(language_code)
    return SectionPage.objects.at_path(home, path) if home else None


def _add_story(section, slug, title, lead, owner, outcome, users, now):
    article = ArticlePage(title=title, slug=slug, lead=lead, owner=owner, live=False)
    if outcome == "embargoed":
        article.embargo_until = now + datetime.timedelta(hours=6)
    section.add_child(instance=article)
    revision = article.save_revision(user=owner)
    if outcome in ("returned", "submitted"):
        article.get_workflow().start(article, owner)
    if outcome == "returned":
        task_state = article.current_workflow_task_state
        task_state.task.specific.on_action(task_state, users["editor"], "reject", comment=COMMENT)
    if outcome == "scheduled":
        article.go_live_at = now + datetime.timedelta(hours=4)
        article.save_revision(user=owner).publish(user=users["editor"])
    return revision


@transaction.atomic
# Staged, not real: the reviewers are not e-mailed about the demo's submissions.
@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def stage_desk_day(now=None):
    """Stage the day; return how many stories were added (0 when it was staged before)."""
    now = now or timezone.now()
    users = {user.username: user for user in get_user_model().objects.all()}
    added = 0
    for language_code, path, slug, title, lead, owner, outcome in STORIES:
        section = _section(language_code, path)
        if section is None or owner not in users or "editor" not in users:
            continue
        if ArticlePage.objects.filter(slug=slug, locale=section.locale).exists():
            continue
        _add_story(section, slug, title, lead, users[owner], outcome, users, now)
        added += 1
    _put_breaking_line_on_air(now)
    _count_reads(now)
    return added


def _put_breaking_line_on_air(now):
    home = HomePage.objects.for_language("en")
    if home is None or BreakingNews.objects.filter(locale=home.locale).active(now).exists():
        return
    article = ArticlePage.objects.live().in_locale(home.locale).order_by("-published_at").first()
    BreakingNews.objects.create(
        locale=home.locale,
        text=BREAKING,
        article=article,
        starts_at=now,
        expires_at=now + datetime.timedelta(hours=6),
    )


def _count_reads(now):
    """Give each edition's five newest articles some reads this hour, for the most-read list."""
    hour = hour_of(now)
    for home in HomePage.objects.select_related("locale"):
        if ArticleViews.objects.filter(locale=home.locale, hour=hour).exists():
            continue
        newest = ArticlePage.objects.live().in_locale(home.locale).order_by("-published_at")[:5]
        ArticleViews.objects.bulk_create(
            ArticleViews(page=article, locale=home.locale, hour=hour, views=views)
            for article, views in zip(newest, MOST_READ_VIEWS, strict=False)
        )
