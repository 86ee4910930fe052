"""Every address the WordPress site had, redirected for good to its new page.

Wagtail's redirects (``wagtail.contrib.redirects``) answer where nothing else does, so an old
``/2024/03/slug/``, ``/?p=12`` or ``/category/news/`` finds its article or section, and an
editor can see and change each under *Settings → Redirects*.
"""

from urllib.parse import urlsplit

from wagtail.contrib.redirects.models import Redirect

from ..taxonomy import authors_for, topics_for


class OldAddresses:
    def __init__(self, export, home, locale):
        self.export = export
        self.home = home
        self.locale = locale
        self.blog = urlsplit(export.site.base_blog_url or export.site.link).path.rstrip("/")
        self.categories = {term.slug: term for term in export.categories}
        self.count = 0

    def of_item(self, item, page):
        """Redirect a post's or page's permalink, ``?p=`` link and attachment pages to it."""
        paths = {_path(item.link)}
        if urlsplit(item.guid).query:
            paths.add(_path(item.guid))
        query = "page_id" if item.type == "page" else "p"
        paths.add(f"{self.blog}/?{query}={item.id}")
        for attachment in self.export.attachments.values():
            if attachment.parent == item.id and attachment.link:
                paths.add(_path(attachment.link))
                paths.add(f"{self.blog}/?attachment_id={attachment.id}")
        for old_path in paths - {"", "/"}:
            self.redirect(old_path, page=page)

    def of_archives(self, sections):
        """Redirect category archives to sections, tag archives to topics, authors' to theirs."""
        for slug, section in sections.items():
            if section.live:
                self.redirect(f"{self.blog}/category/{self._category_path(slug)}/", page=section)
        for term in self.export.tags:
            topic = next(iter(topics_for([term.name], self.locale)), None) if term.name else None
            if topic is not None:
                link = self.home.url + self.home.reverse_subpage("topic", args=[topic.slug])
                self.redirect(f"{self.blog}/tag/{term.slug}/", link=link)
        for author in self.export.authors.values():
            found = authors_for([author.display_name], self.locale) if author.display_name else []
            if found and author.login:
                link = self.home.url + self.home.reverse_subpage("author", args=[found[0].slug])
                self.redirect(f"{self.blog}/author/{author.login}/", link=link)

    def _category_path(self, slug):
        parts, seen = [], set()
        while slug and slug in self.categories and slug not in seen:
            seen.add(slug)
            parts.append(slug)
            slug = self.categories[slug].parent
        return "/".join(reversed(parts))

    def redirect(self, old_path, *, page=None, link=""):
        old_path = Redirect.normalise_path(old_path)
        if not old_path or old_path == "/":
            return
        Redirect.objects.update_or_create(
            old_path=old_path,
            site=None,
            defaults={"redirect_page": page, "redirect_link": link, "is_permanent": True},
        )
        self.count += 1


def _path(url):
    parts = urlsplit(url or "")
    return parts.path + (f"?{parts.query}" if parts.query else "")
