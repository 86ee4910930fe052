"""A reader's browser sending the view beacon, and the views stored for an article."""

import datetime

from bs4 import BeautifulSoup
from django.db.models import Sum

from nashra.analytics.models import ArticleViews

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
HOUR = datetime.timedelta(hours=1)


def beacon_url(client, article):
    """Return the beacon URL the article page hands the reader's browser."""
    html = BeautifulSoup(client.get(article.url).content, "html.parser")
    return html.select_one("[data-view-beacon]")["data-view-beacon"]


def send_beacon(client, url, *, ip="203.0.113.5", user_agent=BROWSER, **headers):
    return client.post(url, REMOTE_ADDR=ip, HTTP_USER_AGENT=user_agent, **headers)


def stored_views(article):
    return ArticleViews.objects.filter(page=article).aggregate(total=Sum("views"))["total"] or 0
