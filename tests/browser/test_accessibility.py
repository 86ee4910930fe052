"""Accessibility of every kind of page, in both editions, as Chromium and axe-core find it.

axe-core (the copy axe-playwright-python bundles) goes into each page as an init script, as
``Axe.run`` would put it with ``page.evaluate``: neither is governed by the site's
Content-Security-Policy (script-src 'self'), which would refuse a <script> tag. Injected once
per page load rather than once per run, it is parsed once for the light and dark runs.
"""

from collections import defaultdict

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.core.management import call_command
from playwright.sync_api import expect

from nashra.home.models import HomePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (360, 1280)
SCHEMES = ("light", "dark")
HEIGHT = 800
# Keyboard stops checked for a visible focus indicator on each page, from the top.
FOCUS_STOPS = 12
LANDMARKS = ("banner", "navigation", "main", "contentinfo")
SINGLE_LANDMARKS = {"banner", "main", "contentinfo"}
STATEMENT_TITLES = {"en": "Accessibility", "ar": "إمكانية الوصول"}

DESCRIBE = """el => {
  if (!el || el === document.body) return "body";
  let name = el.tagName.toLowerCase();
  if (el.id) name += "#" + el.id;
  for (const c of el.classList) name += "." + c;
  const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 30);
  return text ? `${name} "${text}"` : name;
}"""

AXE_RUN = "axe.run({resultTypes: ['violations']}).then(results => results.violations)"

# The focused element, and whether a focus indicator is drawn around it.
FOCUS_STATE = f"""() => {{
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  const main = document.querySelector("main");
  return {{
    name: ({DESCRIBE})(el),
    visible: outline || shadow,
    inMain: !!main && (el === main || main.contains(el)),
    // Where Tab goes once the skip link has led to a <main> with nothing focusable in it.
    afterMain: !!main && !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
    href: el.getAttribute("href"),
    mainHref: main && main.id ? "#" + main.id : null,
    box: el.getBoundingClientRect().toJSON(),
  }};
}}"""

# What still moves with motion reduced: running animations and transitions, and the elements
# whose computed styles would animate for longer than 0.01 s.
MOVING = f"""() => {{
  const describe = {DESCRIBE};
  const seconds = (value) => Math.max(...value.split(",").map((part) => {{
    const number = parseFloat(part);
    return part.trim().endsWith("ms") ? number / 1000 : number;
  }}));
  const moving = [];
  for (const animation of document.getAnimations()) {{
    const duration = animation.effect.getComputedTiming().duration;
    if (duration > 10) {{
      const what = animation.animationName || animation.transitionProperty || "animation";
      moving.push(`${{describe(animation.effect.target)}}: ${{what}} runs ${{duration}} ms`);
    }}
  }}
  for (const el of document.querySelectorAll("*")) {{
    const style = getComputedStyle(el);
    if (style.animationName !== "none" && seconds(style.animationDuration) > 0.01) {{
      moving.push(`${{describe(el)}}: animation ${{style.animationDuration}}`);
    }}
    if (style.transitionProperty !== "none" && seconds(style.transitionDuration) > 0.01) {{
      moving.push(`${{describe(el)}}: transition ${{style.transitionProperty}} ` +
        `${{style.transitionDuration}}`);
    }}
  }}
  return moving;
}}"""


def test_axe_finds_no_violation_on_any_page(edition, make_context):
    """axe-core on every kind of page, at a phone's width and a desktop's, light and dark."""
    context = make_context(viewport={"width": WIDTHS[0], "height": HEIGHT})
    context.add_init_script(AXE_SCRIPT)
    page = context.new_page()
    # rule id -> (impact, help, [where: targets])
    found = defaultdict(lambda: ["", "", []])
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        for kind, url in edition:
            page.goto(url, wait_until="load")
            for scheme in SCHEMES:
                page.emulate_media(color_scheme=scheme)
                for violation in page.evaluate(AXE_RUN):
                    rule = found[violation["id"]]
                    rule[0], rule[1] = violation["impact"], violation["help"]
                    # A target is a list of selectors (more than one into frames or shadow roots).
                    targets = ", ".join(
                        " ".join(map(str, node["target"])) for node in violation["nodes"]
                    )
                    rule[2].append(f"{edition.language} {kind} {width} {scheme}: {targets}")
    report = [
        f"{rule_id} ({impact}): {help_text}\n    " + "\n    ".join(places)
        for rule_id, (impact, help_text, places) in sorted(found.items())
    ]
    assert not report, "axe-core violations:\n" + "\n".join(report)


def test_keyboard_landmarks_and_languages_on_every_page(plain_edition, make_context):
    """The skip link comes first and leads into <main>; focus can be seen; the landmarks are
    there; the page has its edition's language, and the other edition's link its own."""
    edition = plain_edition
    page = make_context(viewport={"width": 1280, "height": HEIGHT}).new_page()
    problems = []
    for kind, url in edition:
        where = f"{edition.language} {kind}"
        page.goto(url, wait_until="load")
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUS_STATE)
        skip_link = page.evaluate_handle("document.activeElement").as_element()
        is_skip_link = first["mainHref"] is not None and first["href"] == first["mainHref"]
        if not is_skip_link:
            problems.append(f"{where}: the first Tab stop is {first['name']}, not the skip link")
        state = first
        for _stop in range(FOCUS_STOPS):
            if state["name"] == "body":  # focus has left the page
                break
            if not state["visible"]:
                problems.append(f"{where}: no outline or box-shadow on focused {state['name']}")
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
        if is_skip_link:
            box = first["box"]
            if box["width"] < 2 or box["height"] < 2 or box["bottom"] < 0 or box["top"] > HEIGHT:
                problems.append(f"{where}: the focused skip link is not on screen ({box})")
            skip_link.focus()
            page.keyboard.press("Enter")
            if not page.evaluate(FOCUS_STATE)["inMain"]:
                page.keyboard.press("Tab")
                after = page.evaluate(FOCUS_STATE)
                if not (after["inMain"] or after["afterMain"]):
                    problems.append(f"{where}: after the skip link, Tab goes to {after['name']}")
        for role in LANDMARKS:
            count = page.get_by_role(role).count()
            if count == 0 or (role in SINGLE_LANDMARKS and count != 1):
                problems.append(f"{where}: {count} {role} landmarks")
        lang = page.locator("html").get_attribute("lang")
        if lang != edition.language:
            problems.append(f"{where}: <html lang={lang!r}>")
        for link in page.get_by_role("banner").locator("a[hreflang]").all():
            hreflang, link_lang = link.get_attribute("hreflang"), link.get_attribute("lang")
            if link_lang != hreflang:
                problems.append(f"{where}: edition link to {hreflang} has lang={link_lang!r}")
    assert not problems, "\n".join(problems)


def test_reduced_motion_is_respected(edition, make_context):
    """With motion reduced, nothing scrolls smoothly and the menu and lightbox open at once."""
    page = make_context(
        viewport={"width": 360, "height": HEIGHT}, reduced_motion="reduce"
    ).new_page()
    page.goto(edition.urls["article"], wait_until="load")
    problems = []
    behaviour = page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
    if behaviour == "smooth":
        problems.append("html has scroll-behavior: smooth")
    problems += [f"on load: {item}" for item in page.evaluate(MOVING)]
    menu = page.locator("details.site-menu > summary")
    if menu.count():
        menu.click()
        problems += [f"menu open: {item}" for item in page.evaluate(MOVING)]
        menu.click()
    else:
        problems.append("no details.site-menu to open")
    page.locator("a[data-gallery-item]").first.click()
    expect(page.get_by_role("dialog")).to_be_visible()
    problems += [f"lightbox open: {item}" for item in page.evaluate(MOVING)]
    assert not problems, f"{edition.language}, motion reduced:\n" + "\n".join(problems)


def test_each_edition_has_an_accessibility_statement(transactional_db, make_context):
    """The demo's editions each link their accessibility statement from the footer."""
    call_command("load_demo", "--no-articles", "--no-admin")
    page = make_context().new_page()
    problems = []
    for language, title in STATEMENT_TITLES.items():
        page.goto(HomePage.objects.for_language(language).url, wait_until="load")
        link = page.get_by_role("contentinfo").get_by_role("link", name=title, exact=True)
        if link.count() != 1:
            problems.append(f"{language}: {link.count()} footer links named {title!r}")
            continue
        response = page.goto(link.get_attribute("href"), wait_until="load")
        heading = page.get_by_role("heading", level=1)
        if response.status != 200 or heading.count() != 1:
            problems.append(f"{language}: the statement answers {response.status}, no one <h1>")
        elif heading.text_content().strip() != title:
            problems.append(f"{language}: the statement's heading is {heading.text_content()!r}")
    assert not problems, "\n".join(problems)
