"""Users, with their groups (by name or Group) and permissions ("app_label.codename")."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

PASSWORD = "correct horse 42"


class UserFactory(factory.django.DjangoModelFactory):
    """A user made by the user manager (so the password is hashed); ``superuser`` trait."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_superuser=True)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = PASSWORD
    is_superuser = False

    @classmethod
    def _create(cls, model_class, *args, password, is_superuser=False, **kwargs):
        manager = cls._get_manager(model_class)
        if is_superuser:
            return manager.create_superuser(*args, password=password, **kwargs)
        return manager.create_user(*args, password=password, **kwargs)

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        for group in extracted or ():
            user.groups.add(group if isinstance(group, Group) else Group.objects.get(name=group))

    @factory.post_generation
    def permissions(user, create, extracted, **kwargs):
        for permission in extracted or ():
            app_label, codename = permission.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def make_user(username, *permissions, superuser=False):
    return UserFactory(username=username, permissions=permissions, superuser=superuser)


def prefer_admin_language(user, language_code):
    """Give the user the admin in a language, as their Account › Preferences would; return it."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language_code
    profile.save()
    return user
