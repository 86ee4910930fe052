"""The Wagtail site record: named after its edition, at the address the site is served from."""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Site

from nashra.core.models import EditionSettings


def name_sites(sender, instance, raw=False, **kwargs):
    """Give every site whose root is in the settings' edition the edition's network name.

    Wagtail shows a site's name on the dashboard and in its page explorer; without one it
    shows the host name ("localhost").
    """
    if raw:
        return
    Site.objects.filter(root_page__locale_id=instance.locale_id).exclude(
        site_name=instance.site_name
    ).update(site_name=instance.site_name)


@transaction.atomic
def serve_default_site_at(hostname, port):
    """Point the default site at hostname:port, so the URLs it builds without a request work."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    site.hostname = hostname
    site.port = port
    settings = EditionSettings.objects.filter(locale_id=site.root_page.locale_id).first()
    if settings is not None:
        site.site_name = settings.site_name
    site.save()
    return site


def connect():
    post_save.connect(name_sites, sender=EditionSettings, dispatch_uid="home-site-name")
