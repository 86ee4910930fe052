from django import template

from nashra.home.editions import Edition

register = template.Library()


@register.simple_tag
def network_name(fallback):
    """Return the network's name in the admin's language (its edition's settings), or fallback."""
    edition = Edition.active()
    name = edition.settings.site_name if edition and edition.settings else ""
    return name or fallback
