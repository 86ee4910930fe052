import json
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, call_command
from django.db import transaction
from django.utils.translation import gettext as _

from nashra.corrections.models import CorrectionsPage
from nashra.demo.accounts import create_demo_accounts
from nashra.demo.desk_day import stage_desk_day
from nashra.demo.live import load_live_coverage
from nashra.home.models import HomePage
from nashra.home.services import get_or_create_home, get_or_create_section, set_edition_settings
from nashra.home.sites import serve_default_site_at
from nashra.news.models import ArticlePage
from nashra.news.translations import link_translation
from nashra.pages.models import ContactPage, StandardPage
from nashra.topics.models import Topic

DEMO_DIR = settings.BASE_DIR / "demo"


class Command(BaseCommand):
    help = _("Load the demo editions, sections, pages and articles; safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument("--no-articles", action="store_true", help=_("Skip the ninjs import."))
        parser.add_argument("--no-admin", action="store_true", help=_("Create no admin account."))
        parser.add_argument(
            "--port",
            type=int,
            help=_("Serve the site record at this port (and --hostname), as make demo does."),
        )
        parser.add_argument("--hostname", default="127.0.0.1", help=_("The site record's host."))

    def handle(self, *args, **options):
        editions = json.loads((DEMO_DIR / "editions.json").read_text(encoding="utf-8"))
        for language_code, edition in editions.items():
            self.load_edition(language_code, edition)
        if options["port"]:
            serve_default_site_at(options["hostname"], options["port"])
        if not options["no_articles"]:
            for language_code in editions:
                self.import_articles(language_code)
            self.link_translations()
            self.add_live_coverage()
            for language_code, edition in editions.items():
                self.add_topic_aliases(language_code, edition.get("topic_aliases", {}))
        if not options["no_admin"]:
            self.ensure_admin()
            create_demo_accounts(self.stdout)
            if not options["no_articles"]:
                added = stage_desk_day()
                self.stdout.write(_("Stories on the desks today: %(count)s") % {"count": added})

    @transaction.atomic
    def load_edition(self, language_code, edition):
        home, created = get_or_create_home(language_code, edition["home_title"])
        set_edition_settings(language_code, **edition["settings"])
        source_language = edition.get("translation_of")

        def counterpart_key(path):
            # Sections and pages of a translated edition share keys with the original's.
            home = HomePage.objects.for_language(source_language) if source_language else None
            if home is None or not path:
                return None
            original = home.get_descendants().filter(url_path=f"{home.url_path}{path}/").first()
            return original.translation_key if original else None

        for section in edition["sections"]:
            get_or_create_section(
                home,
                section["path"],
                section["title"],
                section.get("intro", ""),
                translation_key=counterpart_key(section["path"]),
            )
        about = edition.get("about")
        if about:
            self.add_standard_page(home, about, counterpart_key(about.get("counterpart")))
        contact = edition.get("contact")
        if contact and not ContactPage.objects.child_of(home).exists():
            page = ContactPage(
                title=contact["title"],
                slug=contact["slug"],
                intro=f"<p>{contact['intro']}</p>",
                thank_you_text=f"<p>{contact['thank_you']}</p>",
                show_in_menus=True,
            )
            if key := counterpart_key(contact.get("counterpart")):
                page.translation_key = key
            home.add_child(instance=page)
            page.save_revision().publish()
        corrections = edition.get("corrections")
        if corrections and not CorrectionsPage.objects.child_of(home).exists():
            page = CorrectionsPage(
                title=corrections["title"], slug=corrections["slug"], show_in_menus=True
            )
            if key := counterpart_key(corrections.get("counterpart")):
                page.translation_key = key
            home.add_child(instance=page)
            page.save_revision().publish()
        # Last in the menus: the accessibility statement.
        accessibility = edition.get("accessibility")
        if accessibility:
            self.add_standard_page(
                home, accessibility, counterpart_key(accessibility.get("counterpart"))
            )
        self.stdout.write(
            _("Edition %(code)s: %(state)s")
            % {"code": language_code, "state": _("created") if created else _("already there")}
        )

    def add_standard_page(self, home, page_text, translation_key):
        if StandardPage.objects.child_of(home).filter(slug=page_text["slug"]).exists():
            return
        page = StandardPage(
            title=page_text["title"],
            slug=page_text["slug"],
            intro=page_text["intro"],
            show_in_menus=True,
        )
        page.body = [("paragraph", f"<p>{text}</p>") for text in page_text["paragraphs"]]
        if translation_key:
            page.translation_key = translation_key
        home.add_child(instance=page)
        page.save_revision().publish()

    def import_articles(self, language_code):
        folder = DEMO_DIR / "ninjs" / language_code
        if not folder.is_dir():
            return
        known = set(ArticlePage.objects.exclude(wire_uri=None).values_list("wire_uri", flat=True))
        for section_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
            new_files = [
                str(path)
                for path in sorted(section_folder.glob("*.json"))
                if json.loads(path.read_text(encoding="utf-8")).get("uri") not in known
            ]
            if new_files:
                call_command(
                    "import_ninjs",
                    *new_files,
                    section=section_folder.name.replace("--", "/"),
                    edition=language_code,
                    publish=True,
                    # The demo's articles share its pictures folder (demo/images).
                    pictures_from=DEMO_DIR,
                    stdout=self.stdout,
                )
        self.stdout.write(
            _("Edition %(code)s: %(count)d articles")
            % {
                "code": language_code,
                "count": ArticlePage.objects.filter(locale__language_code=language_code).count(),
            }
        )

    def add_topic_aliases(self, language_code, aliases):
        """Give demo topics their other spellings, so search finds Hudaydah as Hodeidah."""
        for topic in Topic.objects.filter(locale__language_code=language_code, name__in=aliases):
            spellings = "\n".join(aliases[topic.name])
            if topic.aliases != spellings:
                topic.aliases = spellings
                topic.save()

    def link_translations(self):
        """Pair demo articles with their translations, as listed in demo/translations.json."""
        path = DEMO_DIR / "translations.json"
        if not path.exists():
            return
        pairs = json.loads(path.read_text(encoding="utf-8"))["pairs"]
        by_uri = ArticlePage.objects.exclude(wire_uri=None).in_bulk(
            [uri for pair in pairs for uri in pair.values()], field_name="wire_uri"
        )
        linked = 0
        for pair in pairs:
            original = by_uri.get(pair["original"])
            translation = by_uri.get(pair["translation"])
            if original is None or translation is None:
                continue
            if translation.translation_key != original.translation_key:
                link_translation(translation, original)
                linked += 1
        self.stdout.write(_("Translations linked: %(count)d") % {"count": linked})

    def add_live_coverage(self):
        """One live page on the air and one ended in each edition (demo/live.json)."""
        path = DEMO_DIR / "live.json"
        if not path.exists():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        added = load_live_coverage(data, DEMO_DIR / "images")
        self.stdout.write(_("Live pages added: %(count)d") % {"count": len(added)})

    def ensure_admin(self):
        """Create the admin account once; print its login every time."""
        User = get_user_model()
        username = os.environ.get("NASHRA_ADMIN_USERNAME", "admin")
        password = os.environ.get("NASHRA_ADMIN_PASSWORD")
        password_file = Path(settings.VAR_DIR) / "demo-admin-password.txt"
        user = User.objects.filter(username=username).first()
        if user is None:
            if not password:
                password = secrets.token_urlsafe(12)
                password_file.parent.mkdir(parents=True, exist_ok=True)
                password_file.write_text(password + "\n")
                password_file.chmod(0o600)
            User.objects.create_superuser(username, f"{username}@example.org", password)
        elif not password:
            password = (
                password_file.read_text().strip()
                if password_file.exists()
                else _("(unchanged; set earlier)")
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Admin login: %(user)s / %(password)s") % {"user": username, "password": password}
            )
        )
