from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from nashra.home.models import HomePage
from nashra.news.models import SectionPage

from .services import adopt_desk_language, edition_groups, section_groups


@receiver(post_save, sender=HomePage, dispatch_uid="newsroom_edition_groups")
def create_edition_groups(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        edition_groups(instance)


@receiver(post_save, sender=SectionPage, dispatch_uid="newsroom_section_groups")
def create_section_groups(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        section_groups(instance)


@receiver(
    m2m_changed, sender=get_user_model().groups.through, dispatch_uid="newsroom_desk_language"
)
def follow_the_desk_language(sender, instance, action, reverse, pk_set, **kwargs):
    # Added from the user's side (the Users admin) or from the group's (group.user_set.add).
    if action != "post_add" or not pk_set:
        return
    users = get_user_model().objects.filter(pk__in=pk_set) if reverse else [instance]
    for user in users:
        adopt_desk_language(user)
