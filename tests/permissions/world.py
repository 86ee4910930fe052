"""The newsroom the matrix runs in: two editions, a desk per role, one of everything in each.

Built once for the package (see conftest.py); each test then runs in a savepoint that is
rolled back, so a test may write freely. Objects are named ``mx <kind> <place>`` so that a
listing can be searched for them.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, RevisionMixin
from wagtail.users.models import UserProfile

from nashra.corrections.models import Correction, TranslationFollowUp
from nashra.curation.models import BreakingNews, HomeCuration
from nashra.home.services import get_or_create_home, get_or_create_section, set_edition_settings
from nashra.news.models import ArticlePage
from nashra.newsroom.services import edition_groups, section_groups
from nashra.pages.models import ContactMessage
from nashra.people.models import Author
from nashra.sources.models import Source
from nashra.topics.models import Topic

from .policy import ARTICLE_PLACES, EDITIONS, HOME, SECTIONS, USERS

# Every section of the matrix; ar/culture, like en/culture, is held by its chiefs only.
SECTION_PATHS = {
    "en": ("news", "news/middle-east", "culture"),
    "ar": ("news", "culture"),
}
TITLES = {"en": "Nashra Network", "ar": "شبكة نشرة"}


@dataclass
class World:
    locales: dict = field(default_factory=dict)  # edition -> Locale pk
    homes: dict = field(default_factory=dict)  # edition -> HomePage pk
    sections: dict = field(default_factory=dict)  # (edition, path) -> SectionPage pk
    sources: dict = field(default_factory=dict)  # edition -> the articles' Source pk
    articles: dict = field(default_factory=dict)  # (place, "live"|"draft") -> ArticlePage pk
    objects: dict = field(default_factory=dict)  # (model label, place) -> pk
    revisions: dict = field(default_factory=dict)  # (model label, place) -> Revision pk
    spares: dict = field(default_factory=dict)  # (model label, edition) -> pk, to merge into
    users: dict = field(default_factory=dict)  # name -> User pk
    sessions: dict = field(default_factory=dict)  # name -> a logged-in session's key

    def section(self, edition, path):
        return self.homes[edition] if path == HOME else self.sections[edition, path]


def article_title(place, state):
    return f"mx {state} {place}"


def _article(section, title, source, live):
    article = ArticlePage(
        title=title,
        slug=title.replace(" ", "-"),
        live=False,
        lead=f"The lead of {title}.",
        published_at=timezone.now() - datetime.timedelta(hours=2),
    )
    section.add_child(instance=article)
    article.sources.set([source])
    revision = article.save_revision()
    if live:
        revision.publish()
    return article


def _member(name, world, groups):
    member = USERS[name]
    User = get_user_model()
    if member.role is None:
        user = User.objects.create_superuser(name, f"{name}@example.org", "pw")
    else:
        user = User.objects.create_user(name, f"{name}@example.org", "pw")
        if member.in_base_group:
            user.groups.add(Group.objects.get(name=member.role))
        for desk in member.desks:
            user.groups.add(groups[desk, member.role])
    # The matrix reads the English labels of what each screen lists; a member of the Arabic
    # desks alone would otherwise work in the Arabic admin (tested in newsroom's tests).
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    world.users[name] = user.pk
    client = Client()
    client.force_login(user)
    world.sessions[name] = client.session.session_key


def build_world():
    world = World()
    homes, sections = {}, {}
    for edition in EDITIONS:
        home, _ = get_or_create_home(edition, TITLES[edition])
        homes[edition] = home
        world.homes[edition] = home.pk
        world.locales[edition] = home.locale_id
        for path in SECTION_PATHS[edition]:
            # The editions' news and culture sections are each other's translations.
            key = sections["en", path].translation_key if ("en", path) in sections else None
            section, _ = get_or_create_section(home, path, path.title(), translation_key=key)
            sections[edition, path] = section
            world.sections[edition, path] = section.pk

    groups = {}
    for (edition, path), section in sections.items():
        writers, editors = section_groups(section)
        groups[(edition, path), USERS["writer"].role] = writers
        groups[(edition, path), USERS["editor"].role] = editors
    for edition, home in homes.items():
        groups[(edition, HOME), USERS["chief"].role] = edition_groups(home)
    for name in USERS:
        _member(name, world, groups)

    locales = {edition: Locale.objects.get(pk=pk) for edition, pk in world.locales.items()}
    for edition, locale in locales.items():
        world.sources[edition] = Source.objects.create(name=f"wire {edition}", locale=locale).pk
    for place in ARTICLE_PLACES:
        edition, path = SECTIONS[place]
        source = Source.objects.get(pk=world.sources[edition])
        for state in ("live", "draft"):
            article = _article(
                sections[edition, path], article_title(place, state), source, state == "live"
            )
            world.articles[place, state] = article.pk

    now = timezone.now()
    for edition, locale in locales.items():
        settings = set_edition_settings(
            edition,
            site_name=f"mx editionsettings {edition}",
            about_blurb=f"The {edition} edition.",
            copyright_holder="Nashra Media Group",
        )
        objects = {
            "core.editionsettings": settings,
            "topics.topic": Topic.objects.create(
                name=f"mx topic {edition}", slug=f"mx-topic-{edition}", locale=locale
            ),
            "people.author": Author.objects.create(
                name=f"mx author {edition}", slug=f"mx-author-{edition}", locale=locale
            ),
            "sources.source": Source.objects.create(name=f"mx source {edition}", locale=locale),
            "curation.breakingnews": BreakingNews.objects.create(
                locale=locale,
                text=f"mx breakingnews {edition}",
                url="https://example.org/",
                starts_at=now - datetime.timedelta(hours=1),
                expires_at=now + datetime.timedelta(hours=2),
            ),
            "curation.homecuration": HomeCuration.objects.create(locale=locale),
            "pages.contactmessage": ContactMessage.objects.create(
                locale=locale,
                name="A reader",
                email="reader@example.org",
                subject=f"mx contactmessage {edition}",
                message="Hello.",
            ),
        }
        for model, instance in objects.items():
            world.objects[model, edition] = instance.pk
        for model in ("topics.topic", "people.author", "sources.source"):
            name = f"{model.split('.')[1]} spare {edition}"  # not "mx …": no listing marker
            values = {"name": name, "locale": locale}
            if model != "sources.source":
                values["slug"] = name.replace(" ", "-")
            world.spares[model, edition] = apps.get_model(model).objects.create(**values).pk

    corrections = {}
    for place in ARTICLE_PLACES:
        corrections[place] = Correction.objects.create(
            article_id=world.articles[place, "live"], text=f"mx correction {place}"
        )
        world.objects["corrections.correction", place] = corrections[place].pk
    for index, place in enumerate(ARTICLE_PLACES):
        # The follow-up of a correction made elsewhere, to this place's (draft) translation.
        other = ARTICLE_PLACES[index - 1]
        follow_up = TranslationFollowUp.objects.create(
            correction=corrections[other], article_id=world.articles[place, "draft"]
        )
        world.objects["corrections.translationfollowup", place] = follow_up.pk

    for (model, place), pk in world.objects.items():
        instance = apps.get_model(model).objects.get(pk=pk)
        if isinstance(instance, RevisionMixin):
            world.revisions[model, place] = instance.save_revision().pk
    return world
