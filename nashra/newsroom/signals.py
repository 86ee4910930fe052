from django.db.models.signals import post_save
from django.dispatch import receiver

from nashra.home.models import HomePage
from nashra.news.models import SectionPage

from .services import edition_groups, section_groups


@receiver(post_save, sender=HomePage, dispatch_uid="newsroom_edition_groups")
def create_edition_groups(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        edition_groups(instance)


@receiver(post_save, sender=SectionPage, dispatch_uid="newsroom_section_groups")
def create_section_groups(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        section_groups(instance)
