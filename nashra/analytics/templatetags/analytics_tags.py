from django import template

register = template.Library()


@register.inclusion_tag("components/most_read.html", takes_context=True)
def most_read(context):
    """Placeholder: the most-read lists of the current edition."""
    return {}


@register.inclusion_tag("components/view_beacon.html", takes_context=True)
def view_beacon(context, page):
    """Placeholder: what tells the site a reader viewed this article."""
    return {}
