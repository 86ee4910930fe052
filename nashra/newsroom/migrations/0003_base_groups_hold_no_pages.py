"""Wagtail's own first migration creates an "Editors" group with add and change rights on the
root page, i.e. on every page of every edition; the newsroom's "Editors" role group is that
same group. A role group carries what a role may do; where is given by the section and
edition groups. So the role groups (but the administrators') hold no page rights at all.
"""

from django.db import migrations

from nashra.newsroom import roles


def drop_page_rights_of_role_groups(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    role_groups = [name for name in roles.BASE_GROUPS if name != roles.ADMINISTRATORS]
    GroupPagePermission.objects.filter(group__name__in=role_groups).delete()


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0002_base_groups")]

    operations = [
        migrations.RunPython(drop_page_rights_of_role_groups, migrations.RunPython.noop),
    ]
