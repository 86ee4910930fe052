"""Every kind of page, in both editions, fits the width of every phone: nothing scrolls sideways.

Each test builds its edition once (``site_pages.build_edition``) and visits every page at every
width, so that one run lists every page that overflows, with the element that sticks out.
Full-page screenshots go to test-artifacts/phones/<edition>-<page>-<width>.png.
"""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (320, 360, 390, 414, 768, 1280)
SCREENSHOT_WIDTHS = (360, 1280)
HEIGHT = 800
PHONE = {"width": 360, "height": HEIGHT}
# The article's headline starts this close to the top of a phone's screen, under the header.
MAIN_TOP_LIMIT = 200

# What sticks out of the viewport on the side the page scrolls to (the right, or the left in
# Arabic): the elements whose parent does not stick out as far (where the overflow starts), and
# the elements whose text runs out of them (a long word, an address); leaving out what an
# ancestor clips or scrolls, and what is fixed to the viewport. Farthest first.
OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth;
  const rtl = getComputedStyle(document.documentElement).direction === "rtl";
  const beyond = (r) => {
    if (r.width === 0 && r.height === 0) return 0;
    return Math.max(rtl ? -r.left : r.right - limit, 0);
  };
  const contained = (el, self) => {
    for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.position === "fixed") return true;
      if ((self || node !== el) && style.overflowX !== "visible") return true;
    }
    return false;
  };
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    for (const c of el.classList) name += "." + c;
    const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    return text ? `${name} "${text}"` : name;
  };
  const found = new Map();
  const note = (el, amount, what) => {
    const name = describe(el) + what;
    found.set(name, Math.max(found.get(name) || 0, amount));
  };
  for (const el of document.body.querySelectorAll("*")) {
    const amount = beyond(el.getBoundingClientRect());
    if (amount <= 0.5 || contained(el, false)) continue;
    const parent = el.parentElement;
    if (parent && parent !== document.body
        && beyond(parent.getBoundingClientRect()) >= amount - 0.5) continue;
    note(el, amount, "");
  }
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    if (!node.textContent.trim() || !node.parentElement) continue;
    range.selectNodeContents(node);
    const amount = beyond(range.getBoundingClientRect());
    if (amount <= 0.5 || contained(node.parentElement, true)) continue;
    if (beyond(node.parentElement.getBoundingClientRect()) >= amount - 0.5) continue;
    note(node.parentElement, amount, " (its text)");
  }
  return [...found].sort((a, b) => b[1] - a[1]).slice(0, 3)
    .map(([name, amount]) => `${name} by ${Math.round(amount)} px`);
}"""


def expected_status(kind):
    return 404 if kind == "404" else 200


def test_no_page_scrolls_sideways_at_any_width(edition, make_context, artifacts_dir):
    screenshots = artifacts_dir / "phones"
    screenshots.mkdir(exist_ok=True)
    page = make_context(viewport={"width": WIDTHS[0], "height": HEIGHT}).new_page()
    failures = []
    # Each page is loaded once and laid out again at each width, as a turned phone does.
    for kind, url in edition:
        page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
        response = page.goto(url, wait_until="load")
        if response.status != expected_status(kind):
            failures.append(f"{edition.language} {kind}: HTTP {response.status}")
            continue
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            scroll_width, inner_width = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll_width > inner_width:
                culprits = "; ".join(page.evaluate(OVERFLOWING)) or "no single element found"
                failures.append(
                    f"{edition.language} {kind} {width}: scrollWidth {scroll_width} ({culprits})"
                )
            if width in SCREENSHOT_WIDTHS:
                path = screenshots / f"{edition.language}-{kind}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
    assert not failures, "Pages wider than the viewport:\n" + "\n".join(failures)


def blurbs_above_the_footer(page, blurb):
    """How many times the edition's blurb shows on the page, the footer's own left out."""
    footer = page.get_by_role("contentinfo")
    return page.get_by_text(blurb).count() - footer.get_by_text(blurb).count()


def open_menu(page):
    """Tap the menu button of the header: the summary of its ``details.site-menu``."""
    page.locator("details.site-menu > summary").click()


def test_the_header_is_compact_on_a_phone(plain_edition, make_context):
    """One row on a phone: the article starts high up; search and the edition switch are at
    most one tap away; the edition's blurb is on the front page only."""
    edition = plain_edition
    page = make_context(viewport=PHONE).new_page()
    page.goto(edition.urls["article"], wait_until="load")
    main_top = page.locator("main").evaluate("main => main.getBoundingClientRect().top")
    banner = page.get_by_role("banner")
    problems = []
    if main_top > MAIN_TOP_LIMIT:
        problems.append(f"<main> starts {main_top:.0f} px down (at most {MAIN_TOP_LIMIT})")
    if blurbs_above_the_footer(page, edition.blurb):
        problems.append("the blurb is on an article page, above the footer")
    search_path = edition.home.url + edition.home.reverse_subpage("search")
    search = banner.get_by_role("searchbox").or_(banner.locator(f'a[href="{search_path}"]'))
    switch = banner.locator(f'a[hreflang="{edition.other_language}"]')
    if not (search.first.is_visible() and switch.first.is_visible()):
        open_menu(page)
    for name, locator in (("search", search), ("edition switch", switch)):
        if not locator.first.is_visible():
            problems.append(f"the {name} is not visible after one tap on the menu")
    page.goto(edition.urls["home"], wait_until="load")
    if not blurbs_above_the_footer(page, edition.blurb):
        problems.append("the blurb is not on the front page, above the footer")
    assert not problems, f"{edition.language} header at 360 px: " + "; ".join(problems)


def test_the_menu_opens_without_javascript(plain_edition, make_context):
    """At 360 px and with JavaScript off, one tap on the menu button shows the sections."""
    edition = plain_edition
    page = make_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(edition.urls["article"], wait_until="load")
    menu = page.locator("details.site-menu")
    expect(menu).to_have_count(1)
    sections = [
        menu.get_by_role("link", name=title, exact=True) for title in edition.section_titles
    ]
    for link in sections:
        expect(link).to_be_hidden()
    open_menu(page)
    for link in sections:
        expect(link).to_be_visible()
