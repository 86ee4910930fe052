"""Small feeds of each kind, as partners publish them."""

import json

STORY = (
    "Negotiators met in Cairo on Monday, officials said. Talks lasted six hours and will "
    "resume next week."
)


def rss(items, language="en-gb", title="Partner wire"):
    """RSS 2.0; ``items`` are dicts: guid, title, link, description, content, date, author."""
    rows = []
    for item in items:
        parts = [f"<title>{item['title']}</title>"]
        if "guid" in item:
            parts.append(f'<guid isPermaLink="false">{item["guid"]}</guid>')
        if "link" in item:
            parts.append(f"<link>{item['link']}</link>")
        if "description" in item:
            parts.append(f"<description><![CDATA[{item['description']}]]></description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append(f"<pubDate>{item.get('date', 'Mon, 06 Jan 2031 10:00:00 GMT')}</pubDate>")
        if "author" in item:
            parts.append(f"<dc:creator>{item['author']}</dc:creator>")
        rows.append("<item>" + "".join(parts) + "</item>")
    language_tag = f"<language>{language}</language>" if language else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{title}</title><link>https://partner.example/</link>{language_tag}"
        + "".join(rows)
        + "</channel></rss>"
    )


def atom(entries, language="en"):
    """Atom 1.0 with xml:lang on the feed; ``entries`` are dicts: id, title, link, summary,
    content (HTML), updated, published, authors, lang."""
    rows = []
    for entry in entries:
        lang = f' xml:lang="{entry["lang"]}"' if "lang" in entry else ""
        authors = "".join(
            f"<author><name>{name}</name></author>" for name in entry.get("authors", [])
        )
        link = f'<link rel="alternate" href="{entry["link"]}"/>' if "link" in entry else ""
        content = (
            f'<content type="html"><![CDATA[{entry["content"]}]]></content>'
            if "content" in entry
            else ""
        )
        rows.append(
            f"<entry{lang}><id>{entry['id']}</id><title>{entry['title']}</title>{link}"
            f"<updated>{entry.get('updated', '2031-01-06T10:00:00Z')}</updated>"
            f"<published>{entry.get('published', '2031-01-06T09:00:00Z')}</published>"
            f"<summary>{entry.get('summary', '')}</summary>{content}{authors}</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{language}">'
        "<title>Partner Atom</title><id>urn:partner:atom</id>"
        "<updated>2031-01-06T10:00:00Z</updated>" + "".join(rows) + "</feed>"
    )


def json_feed(items, version="1.1", **feed):
    """JSON Feed 1.0 or 1.1."""
    document = {
        "version": f"https://jsonfeed.org/version/{version}",
        "title": "Partner JSON",
        "items": items,
        **feed,
    }
    return json.dumps(document, ensure_ascii=False)
