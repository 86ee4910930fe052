from django import template
from django.utils.translation import gettext as _

from nashra.feeds.model import FORMATS

register = template.Library()


def _links(request, page, title, route_prefix="", args=()):
    base = page.get_url(request)
    return [
        {
            "type": feed_format.content_type.split(";")[0],
            "title": _("%(title)s (%(format)s)") % {"title": title, "format": feed_format.name},
            "href": base
            + page.reverse_subpage(f"{route_prefix}feed{feed_format.route_suffix}", args=args),
        }
        for feed_format in FORMATS
    ]


@register.simple_tag(takes_context=True)
def feed_links(context):
    """Return the autodiscovery links of this page's feeds, then the edition's: no queries.

    Everything comes from objects the page has already loaded: the page, its topic or author,
    an article's sections (its breadcrumb) and the edition's home.
    """
    request = context.get("request")
    edition = context.get("edition")
    home = edition.home if edition else None
    if request is None or home is None:
        return []
    site_name = edition.settings.site_name

    def titled(name):
        return _("%(site_name)s – %(name)s") % {"site_name": site_name, "name": name}

    page = context.get("page")
    topic, author = context.get("topic"), context.get("author")
    links = []
    if topic is not None and page == home:
        links += _links(request, home, titled(topic.hashtag), "topic_", [topic.slug])
    elif author is not None and page == home:
        links += _links(request, home, titled(author.name), "author_", [author.slug])
    elif getattr(page, "has_own_feed", False):  # a section, the corrections page
        links += _links(request, page, titled(page.title))
    elif getattr(page, "is_article", False) and page.sections:
        section = page.sections[-1]
        links += _links(request, section, titled(section.title))
    return links + _links(request, home, site_name)
