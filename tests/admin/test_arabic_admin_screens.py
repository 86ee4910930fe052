"""The Arabic desk's admin reads Arabic on every screen the project adds or changes.

Each screen of screens.py is opened twice by the same person of the newsroom (newsroom.py),
once with their admin in Arabic and once in English. English the Arabic screen
shows, that the English screen shows too and that the project's source holds (origins.py),
is a label the project forgot to translate; English that is Wagtail's is listed, for
information, in test-artifacts/admin-arabic-wagtail-untranslated.txt.
"""

import ast
import re
import zoneinfo
from collections import defaultdict
from functools import cache

import lxml.html
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Task, Workflow

from nashra.accounts import services as accounts

from .newsroom import ENGLISH_CONTENT, build_newsroom, speak
from .origins import PROJECT, SKIPPED_DIRS, origin, wagtail_words
from .screens import project_page_models, project_views, screens, view_name, without_a_screen
from .texts import latin_runs, page_html, screen_texts

pytestmark = pytest.mark.django_db

ARTIFACT = settings.BASE_DIR / "test-artifacts" / "admin-arabic-wagtail-untranslated.txt"
# Edition names are each edition's own (settings.LANGUAGES, as language pickers show them):
# the English edition is "English" in the Arabic admin too.
ENDONYMS = {name.casefold() for _code, name in settings.LANGUAGES}
# Acronyms read the same in an Arabic sentence: "تنزيل CSV".
ACRONYM = re.compile(r"[A-Z0-9]{2,6}")


@pytest.fixture
def newsroom(two_editions, translated_article):
    return build_newsroom(two_editions, translated_article)


def signed_in(user, verified=True):
    client = Client()
    client.force_login(user)
    if verified:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = accounts.second_step_device(user).persistent_id
        session.save()
    return client


def clients(newsroom, language):
    """Everyone's browser, their admin in ``language``."""
    speak(newsroom, language)
    people = newsroom.people
    return {
        "desk": signed_in(people["desk"]),
        "unverified": signed_in(people["desk"], verified=False),
        **{
            name: signed_in(user, verified=False) for name, user in people.items() if name != "desk"
        },
        "signed out": Client(HTTP_ACCEPT_LANGUAGE=language),
    }


def visit(client, screen):
    if screen.session:
        session = client.session
        session.update(screen.session)
        session.save()
    if screen.data is not None:
        return client.post(screen.url, screen.data)
    if screen.modal:
        return client.get(screen.url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    return client.get(screen.url)


def content(newsroom):
    """What the newsroom wrote or named, in lower case: titles, names, addresses, zones."""
    users = get_user_model().objects.values_list("username", "email")
    texts = [
        *ENGLISH_CONTENT,
        *Page.objects.values_list("title", flat=True),
        *PageLogEntry.objects.values_list("label", flat=True),
        *ModelLogEntry.objects.values_list("label", flat=True),
        *(text for pair in users for text in pair),
        # Names stored once for both desks: the groups and the review workflow the project
        # creates are named in English in the database, like a page's title.
        *Group.objects.values_list("name", flat=True),
        *Workflow.objects.values_list("name", flat=True),
        *Task.objects.values_list("name", flat=True),
        *zoneinfo.available_timezones(),
    ]
    return [text.casefold() for text in texts if text]


def _within(part, whole):
    """Return whether part is in whole, as whole words."""
    start = whole.find(part)
    while start >= 0:
        end = start + len(part)
        if not (whole[start - 1 : start].isalpha() or whole[end : end + 1].isalpha()):
            return True
        start = whole.find(part, start + 1)
    return False


def is_content(run, content):
    """Return whether a run is the newsroom's content, an address, a name or an acronym."""
    folded = run.casefold()
    if "://" in run or "@" in run or ACRONYM.fullmatch(run) or folded in ENDONYMS:
        return True
    # A piece of a title or an address; or a title inside a longer run ("title (English)").
    return any(_within(folded, text) or (" " in text and _within(text, folded)) for text in content)


def render(newsroom, language):
    """Return {screen: (url, texts)} and the problems of status and direction."""
    who = clients(newsroom, language)
    rendered, problems = {}, []
    for screen in screens(newsroom):
        response = visit(who[screen.who], screen)
        if response.status_code != screen.status:
            problems.append(f"{screen.name} {screen.url}: status {response.status_code}")
            continue
        html = page_html(response, screen.modal)
        if language == "ar" and not screen.modal:
            root = lxml.html.document_fromstring(html)
            if (root.get("dir"), root.get("lang")) != ("rtl", "ar"):
                problems.append(f"{screen.name} {screen.url}: <html> is not dir=rtl lang=ar")
        rendered[screen.name] = (screen.url, screen_texts(html))
    return rendered, problems


def english_left(arabic, english, content):
    """Return (screen, url, where, run, text) for each run of Latin on an Arabic screen that
    its English twin shows too."""
    found = []
    for name, (url, texts) in arabic.items():
        english_text = " \n ".join(text for _where, text in english[name][1]).casefold()
        seen = set()
        for where, text in texts:
            for run in latin_runs(text):
                if (where, run) in seen or is_content(run, content):
                    continue
                seen.add((where, run))
                if run.casefold() in english_text:
                    found.append((name, url, where, run, text))
    return found


@cache
def cached_origin(run):
    return origin(run)


def write_wagtail_list(wagtail, unknown):
    """Write, for information, what Wagtail leaves in English on the project's screens."""
    translated = wagtail_words()[1]
    lines = [
        "Wagtail's words left in English on the Arabic admin's screens of the project",
        "(tests/admin/test_arabic_admin_screens.py). Not failures: Wagtail's Arabic catalogue",
        "ships only what its translators finished, and some text Wagtail never translates.",
        "",
        f"{len(wagtail)} strings of Wagtail's:",
    ]
    for run, names in sorted(wagtail.items(), key=lambda item: (-len(item[1]), item[0])):
        why = "translated by Wagtail, shown untranslated" if translated.has(run) else "untranslated"
        lines.append(f"  {run!r}  [{why}; {len(names)} screens, e.g. {sorted(names)[0]}]")
    lines += ["", f"{len(unknown)} strings found in neither source:"]
    for run, names in sorted(unknown.items(), key=lambda item: (-len(item[1]), item[0])):
        lines.append(f"  {run!r}  [{len(names)} screens, e.g. {sorted(names)[0]}]")
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def offender_lines(offenders):
    """One line per string left in English, with the screens that show it."""
    lines = []
    for (run, where, text), places in offenders.items():
        shown = "" if run == text else f" in {text!r}"
        more = f" and {len(places) - 3} more" if len(places) > 3 else ""
        lines.append(f"{run!r}{shown} ({where}): {', '.join(places[:3])}{more}")
    return lines


def test_the_arabic_admin_shows_no_english_of_the_project(newsroom):
    arabic, problems = render(newsroom, "ar")
    english, english_problems = render(newsroom, "en")
    problems += [f"(English) {problem}" for problem in english_problems]
    if problems:  # a screen missing from one language cannot be compared
        pytest.fail("\n".join(problems))
    offenders, wagtail, unknown = defaultdict(list), defaultdict(set), defaultdict(set)
    for name, url, where, run, text in english_left(arabic, english, content(newsroom)):
        source = cached_origin(run)
        if source == "project":
            offenders[run, where, text].append(f"{name} {url}")
        else:
            (wagtail if source == "wagtail" else unknown)[run].add(name)
    write_wagtail_list(wagtail, unknown)
    problems += offender_lines(offenders)
    assert not problems, "The project's English on Arabic screens:\n" + "\n".join(problems)


def test_every_admin_view_the_project_adds_is_visited(newsroom):
    visited = screens(newsroom)
    names = {view_name(screen.url) for screen in visited}
    missing = sorted(
        name for name in project_views() if name not in names and not without_a_screen(name)
    )
    assert not missing, f"Admin views of the project without a screen in screens.py: {missing}"
    edited = {
        type(page.specific) for page in newsroom.pages.values() if page.locale.language_code == "ar"
    }
    assert set(project_page_models()) <= edited, "A page type without an Arabic page to edit"


def import_time_translations(path):
    """Yield (line, call) for each gettext call run when the module is imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    eager = {"gettext", "ngettext", "pgettext", "npgettext"}
    for alias in (
        alias
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name in eager
    ):
        eager.add(alias.asname or alias.name)
    lazy_scopes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, lazy_scopes)
            if (
                not in_function
                and isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id in eager
            ):
                yield child.lineno, ast.unparse(child)
            yield from visit(child, inside)

    yield from visit(tree, False)


def test_no_label_is_translated_once_at_import_time():
    """A gettext (not gettext_lazy) at import time translates into the server's language
    once: the Arabic admin then shows it in English. Commands' help is the shell's."""
    found = []
    for path in PROJECT.rglob("*.py"):
        parts = set(path.relative_to(PROJECT).parts)
        if SKIPPED_DIRS & parts or "management" in parts:
            continue
        for line, call in import_time_translations(path):
            found.append(f"{path.relative_to(settings.BASE_DIR)}:{line}: {call}")
    assert not found, "Use gettext_lazy for these:\n" + "\n".join(found)


def html_direction(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    root = lxml.html.document_fromstring(response.content)
    return root.get("dir"), root.get("lang")


def test_the_arabic_editors_dashboard_and_article_editor_are_right_to_left(
    client, arabic_admin, translated_article
):
    client.force_login(arabic_admin)
    _original, article = translated_article
    assert html_direction(client, "/admin/") == ("rtl", "ar")
    assert html_direction(client, f"/admin/pages/{article.pk}/edit/") == ("rtl", "ar")
