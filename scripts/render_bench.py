# ruff: noqa: E402 -- Django is set up before the project's modules are imported
"""Time one process rendering each public page type with the page cache off.

    NASHRA_VAR_DIR=<a folder with the demo loaded> .venv/bin/python scripts/render_bench.py [N]

Prints, per page (English and Arabic article and home, a section, a topic, a search, the
edition feed), the milliseconds per request over N renders (default 40). No server, no
network: what a change does to rendering itself. Pair two trees with farm-bench to compare
them; `make bench` measures the served site, and the tests assert each page's queries.
"""

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.bench")
os.environ["NASHRA_PAGE_CACHE"] = "off"
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django

django.setup()

from django.test import Client

from nashra.news.models import ArticlePage


def newest(language):
    articles = ArticlePage.objects.live().filter(locale__language_code=language)
    return articles.order_by("-first_published_at").first()


def main(renders):
    article, ar_article = newest("en"), newest("ar")
    topic = article.topics.first()
    urls = {
        "article": article.url,
        "article-ar": ar_article.url,
        "home": "/en/",
        "home-ar": "/ar/",
        "section": article.get_parent().url,
        "topic": f"/en/topics/{topic.slug}/" if topic else "/en/",
        "search": "/en/search/?q=yemen",
        "feed": "/en/feed/",
    }
    client = Client(HTTP_HOST="localhost")
    for name, url in urls.items():
        status = client.get(url).status_code
        if status != 200:
            raise SystemExit(f"{name}: {url} answered {status}")
    for name, url in urls.items():
        started = time.perf_counter()
        for _ in range(renders):
            client.get(url)
        milliseconds = (time.perf_counter() - started) * 1000 / renders
        print(f"{name}: {milliseconds:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
