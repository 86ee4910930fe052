"""The Arabic desk's newsroom: one of everything the project adds to the admin, in Arabic.

Every screen of screens.py needs something to show: an article with a correction and a
translation, a live page with updates, a wire item, a partner feed, an overdue schedule, a
review asking for changes, a passkey… Content is Arabic wherever the desk would write it, so
that the English left on a screen is the admin's, not the newsroom's.
"""

import datetime
from dataclasses import dataclass, field

from axes.models import AccessAttempt
from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.models import Page, Revision
from wagtail.users.models import UserProfile

from nashra.accounts import services as accounts
from nashra.accounts.tests.factories import make_user
from nashra.accounts.tests.helpers import code_for
from nashra.core.models import EditionSettings
from nashra.corrections.tests.factories import CorrectionFactory, CorrectionsPageFactory
from nashra.curation.models import BreakingNews, HomeCuration
from nashra.live import services as live
from nashra.live.tests.factories import LivePageFactory, paragraph
from nashra.news.tests.factories import ArticlePageFactory
from nashra.newsroom import roles
from nashra.newsroom.services import section_groups
from nashra.newsroom.tests.factories import make_member
from nashra.pages.models import ContactMessage
from nashra.pages.tests.factories import ContactPageFactory, StandardPageFactory
from nashra.wire.services import take_item
from nashra.wire.tests.factories import PartnerFeedFactory, WireItemFactory

MINUTE = datetime.timedelta(minutes=1)
HOUR = 60 * MINUTE

# What the newsroom wrote (titles, names, texts): text a screen shows as content, not as the
# admin's own words. Every English one is listed, so that no check mistakes it for a label.
ENGLISH_CONTENT = (
    "Nashra Network",
    "Nashra Media Group",
    "Iraq & Iran agree on border hours",
    "Huda Mansour",
    "Baghdad correspondent",
    "Reuters",
    "Iraq",
    "News",
    "Middle East",
    "Corrected.",
    "reader@example.org",
    "The lead of",  # the factories' lead, of an Arabic article too
)


@dataclass
class Newsroom:
    """The people, pages and objects the screens' addresses are made of."""

    # "desk": a superuser with both second steps; "newcomer": a superuser with none yet;
    # "writer" and "section editor": of the Arabic Middle East.
    people: dict = field(default_factory=dict)
    passkey: object = None
    pages: dict = field(default_factory=dict)  # name -> page
    objects: dict = field(default_factory=dict)  # name -> model instance


def speak(newsroom, language):
    """Set everyone's admin to ``language``, as each would in their account."""
    UserProfile.objects.filter(user__in=newsroom.people.values()).update(
        preferred_language=language
    )


def desk_chief():
    """A superuser with an authenticator app and a passkey; return them and the passkey."""
    user = make_user("desk", superuser=True)
    device = accounts.pending_authenticator(user)
    accounts.confirm_authenticator(user, device, code_for(device))
    passkey = WebAuthnCredential.objects.create(
        user=user,
        name="مفتاح المكتب",
        credential_id=b"credential",
        public_key=b"key",
        aaguid="00000000-0000-0000-0000-000000000000",
        credential_id_sha256="sha",
        created_at=timezone.now(),
    )
    return user, passkey


def people(ar):
    desk, passkey = desk_chief()
    writers, editors = section_groups(ar.middle_east)
    people = {
        "desk": desk,
        "newcomer": make_user("newcomer", superuser=True),
        "writer": make_member("writer-ar", roles.WRITERS, writers),
        "section editor": make_member("editor-ar", roles.EDITORS, editors),
    }
    for user in people.values():
        UserProfile.get_for_user(user)
    return people, passkey


def arabic_pages(two_editions, translated_article):
    ar = two_editions.ar
    original, article = translated_article
    home = ar.home
    pages = {
        "home": home,
        "section": ar.news,
        "article": article,
        "english article": original,
        "standard": StandardPageFactory(parent=home, title="من نحن", intro="شبكة إخبارية."),
        "contact": ContactPageFactory(parent=home, title="اتصل بنا"),
        "corrections": CorrectionsPageFactory(parent=home, title="تصحيحات", intro="ما أخطأنا فيه."),
        "live": LivePageFactory(parent=ar.news, title="تغطية مباشرة لمحادثات الهدنة", lead="..."),
    }
    pages["draft"] = ArticlePageFactory(
        parent=ar.middle_east,
        title="مسودة تنتظر المراجعة",
        lead="مقدمة.",
        sources=[ar.source],
        draft=True,
    )
    pages["changes requested"] = ArticlePageFactory(
        parent=ar.middle_east,
        title="مسودة تحتاج تعديلاً",
        lead="مقدمة.",
        sources=[ar.source],
        draft=True,
    )
    pages["embargoed"] = ArticlePageFactory(
        parent=ar.middle_east,
        title="قرار الفائدة",
        lead="مقدمة.",
        embargo_until=timezone.now() + 3 * HOUR,
        draft=True,
    )
    for name, title in (
        ("overdue", "بيان متأخر"),
        ("scheduled", "نتائج الانتخابات"),
        ("my draft", "مسودة لم تُقدَّم"),
    ):
        pages[name] = ArticlePageFactory(
            parent=ar.middle_east, title=title, lead="مقدمة.", draft=True
        )
    return pages


def request_changes(page, writer, reviewer):
    """Put the page in review, and have the reviewer ask for changes with a comment."""
    state = page.get_workflow().start(page, writer)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment="سمِّ المصدر.")


def schedule(page, go_live_at):
    """Schedule the page as an editor's Publish would; a moment past makes it overdue."""
    page.go_live_at = max(go_live_at, timezone.now() + HOUR)
    revision = page.save_revision()
    revision.publish()
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=go_live_at)


def live_updates(page, user):
    draft = live.post_update(page, user, body=paragraph("مسودة تحديث."), publish=False)
    published = live.post_update(page, user, body=paragraph("وصل الوفدان."), title="وصول")
    live.edit_update(published, user, body=paragraph("وصل الوفدان صباحاً."))
    return {"live draft": draft, "live update": published}


def corrections(pages, desk):
    """A correction of the English original opens a follow-up on its Arabic translation."""
    english = CorrectionFactory(article=pages["english article"], text="Corrected.", user=desk)
    arabic = CorrectionFactory(article=pages["article"], text="صُحِّح الرقم.", user=desk)
    return {"correction": arabic, "follow-up": english.follow_ups.get()}


def wire(ar, desk):
    """A partner feed of the Arabic edition, an item in the inbox and one taken already."""
    feed = PartnerFeedFactory(
        name="وكالة الأنباء", locale=ar.locale, source=ar.source, default_section=ar.news
    )
    item = WireItemFactory(
        title="خبر من الوكالة", summary="ملخص.", body="<p>نص.</p>", language_code="ar", feed=feed
    )
    taken = WireItemFactory(title="خبر أُخذ", summary="ملخص.", language_code="ar", feed=feed)
    take_item(taken, ar.news, desk)
    return {"feed": feed, "wire item": item}


def sign_in_trouble():
    """A colleague who lost the phone of their second step, locked out after ten tries."""
    lost_phone = make_user("lost-phone")
    device = accounts.pending_authenticator(lost_phone)
    accounts.confirm_authenticator(lost_phone, device, code_for(device))
    attempt = AccessAttempt.objects.create(
        username="lost-phone",
        ip_address="203.0.113.7",
        user_agent="Firefox",
        http_accept="text/html",
        path_info="/admin/login/",
        failures_since_start=10,
        get_data="",
        post_data="",
    )
    return {"lost phone": lost_phone, "sign-in failure": attempt}


def edition_desk(ar, pages, desk):
    """The edition's settings, breaking line, front page and a reader's message."""
    breaking = BreakingNews.objects.create(
        locale=ar.locale, text="عاجل: هدنة في غزة", url="https://example.org/"
    )
    front_page = HomeCuration.objects.get_or_create(locale=ar.locale)[0]
    for obj in (breaking, front_page):  # a revision to compare with
        obj.save_revision(user=desk)
    message = ContactMessage.objects.create(
        page=pages["contact"],
        locale=ar.locale,
        name="قارئ",
        email="reader@example.org",
        subject="سؤال",
        message="متى يصدر العدد؟",
    )
    return {
        "edition settings": EditionSettings.objects.get(locale=ar.locale),
        "breaking news": breaking,
        "home curation": front_page,
        "contact message": message,
        "topic": ar.topic,
        "author": ar.author,
        "source": ar.source,
    }


def build_newsroom(two_editions, translated_article):
    """Return the newsroom: two_editions, and one of everything on the Arabic desk."""
    ar = two_editions.ar
    newsroom = Newsroom()
    newsroom.people, newsroom.passkey = people(ar)
    desk, writer = newsroom.people["desk"], newsroom.people["writer"]
    pages = newsroom.pages = arabic_pages(two_editions, translated_article)
    mine = ("article", "draft", "changes requested", "embargoed", "scheduled", "my draft")
    Page.objects.filter(pk__in=[pages[name].pk for name in mine]).update(owner=writer)
    pages["draft"].get_workflow().start(pages["draft"], writer)
    request_changes(pages["changes requested"], writer, newsroom.people["section editor"])
    schedule(pages["overdue"], timezone.now() - 10 * MINUTE)
    schedule(pages["scheduled"], timezone.now() + 2 * HOUR)
    newsroom.objects = {
        **live_updates(pages["live"], desk),
        **corrections(pages, desk),
        **wire(ar, desk),
        **sign_in_trouble(),
        **edition_desk(ar, pages, desk),
    }
    return newsroom
