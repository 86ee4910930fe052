"""Partner feeds are managed by the chief editors, as edition settings are, and administrators.

The role's base group gets the permissions, so every edition's chief editors group made from
it later has them too (nashra.newsroom.services._grant); the groups that exist already get
them here. Where each chief may use them is their edition (nashra/wire/viewsets.py).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from nashra.newsroom.roles import ADMINISTRATORS, CHIEF_EDITORS, SEPARATOR

CODENAMES = ("view_partnerfeed", "add_partnerfeed", "change_partnerfeed", "delete_partnerfeed")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Django creates permissions after all migrations; these groups need them now.
    app_config = apps.get_app_config("wire")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    permissions = Permission.objects.filter(content_type__app_label="wire", codename__in=CODENAMES)
    groups = Group.objects.filter(name__in=(CHIEF_EDITORS, ADMINISTRATORS)) | Group.objects.filter(
        name__startswith=CHIEF_EDITORS + SEPARATOR
    )
    for group in groups:
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="wire", codename__in=CODENAMES
    ):
        permission.group_set.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("wire", "0001_initial"),
        ("newsroom", "0003_base_groups_hold_no_pages"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
