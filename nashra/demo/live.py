"""The demo's live coverage (demo/live.json): one page on the air and one ended, per edition.

Each coverage is one live page in each edition, linked as translations, with its updates
published at times counted back from now, so the one on the air looks it whenever the demo
is loaded. Loading again adds nothing: a coverage whose page exists is left as it is.
"""

import datetime

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from nashra.home.models import HomePage
from nashra.live.models import LivePage, LiveUpdate
from nashra.news.models import SectionPage
from nashra.people.models import Author
from nashra.search.indexing import index_article
from nashra.sources.models import Source
from nashra.topics.models import Topic


def demo_image(images_dir, name, caption=""):
    """Return the library image of a demo picture, added once (known by its wire URI)."""
    image_model = get_image_model()
    uri = f"urn:nashra:demo:image:{name}"
    image = image_model.objects.filter(wire_uri=uri).first()
    if image is not None:
        return image
    path = images_dir / name
    image = image_model(title=(caption or name)[:255], caption=caption[:500], wire_uri=uri)
    with path.open("rb") as file:
        image.file_size = path.stat().st_size
        image.file_hash = hash_filelike(file)
        file.seek(0)
        image.file.save(path.name, ImageFile(file), save=False)
    image.save()
    return image


def _body(update, images_dir):
    body = [("paragraph", f"<p>{text}</p>") for text in update["paragraphs"]]
    if update.get("quote"):
        body.append(
            (
                "quote",
                {"quote": update["quote"]["text"], "attribution": update["quote"]["attribution"]},
            )
        )
    if update.get("image"):
        caption = update.get("caption", "")
        image = demo_image(images_dir, update["image"], caption)
        body.append(("image", {"image": image, "caption": caption, "credit": ""}))
    return body


def _add_page(section, coverage, text, images_dir, now, translation_key):
    language_code = section.locale.language_code
    started = now - datetime.timedelta(hours=coverage["started_hours_ago"])
    ended = coverage.get("ended_hours_ago")
    page = LivePage(
        title=text["title"],
        slug=text["slug"],
        lead=text["lead"],
        body=[("paragraph", f"<p>{paragraph}</p>") for paragraph in text["summary"]],
        hero_image=demo_image(
            images_dir, coverage["hero"], coverage["hero_caption"][language_code]
        ),
        hero_caption=coverage["hero_caption"][language_code],
        published_at=started,
        coverage_starts_at=started,
        coverage_ends_at=now - datetime.timedelta(hours=ended) if ended is not None else None,
    )
    if translation_key:
        page.translation_key = translation_key
    section.add_child(instance=page)
    page.topics.set(Topic.objects.filter(locale=section.locale, name__in=text["topics"]))
    source, _created = Source.objects.get_or_create(
        locale=section.locale, name=coverage["source"][language_code]
    )
    page.sources.set([source])
    page.save_revision().publish()
    authors = {author.name: author for author in Author.objects.filter(locale=section.locale)}
    updates = [
        LiveUpdate(
            page=page,
            status=LiveUpdate.Status.PUBLISHED,
            published_at=started + datetime.timedelta(minutes=update["minutes_after_start"]),
            created_at=started + datetime.timedelta(minutes=update["minutes_after_start"]),
            title=update.get("title", ""),
            body=_body(update, images_dir),
            author=authors.get(update.get("author", "")),
            is_key_event=update.get("key_event", False),
            is_pinned=update.get("pinned", False),
        )
        for update in text["updates"]
    ]
    for update in updates:  # bulk_create calls no save(), which makes them
        update.make_search_terms()
    LiveUpdate.objects.bulk_create(updates)
    # Indexed with its updates' text (the publication above saw none).
    index_article(page)
    return page


@transaction.atomic
def load_live_coverage(data, images_dir):
    """Add each coverage of ``data`` (demo/live.json) to each edition; return pages added."""
    now = timezone.now()
    added = []
    for coverage in data["coverages"]:
        translation_key = None
        for language_code, text in coverage["editions"].items():
            home = HomePage.objects.for_language(language_code)
            section = home and SectionPage.objects.at_path(home, coverage["section"])
            if section is None:
                continue
            existing = LivePage.objects.child_of(section).filter(slug=text["slug"]).first()
            if existing is not None:
                translation_key = existing.translation_key
                continue
            page = _add_page(section, coverage, text, images_dir, now, translation_key)
            translation_key = page.translation_key
            added.append(page)
    return added
