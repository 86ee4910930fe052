"""The newsroom's base groups: Writers, Editors, Chief editors and Administrators."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from nashra.newsroom import roles


def _ensure_permissions(apps):
    # Django creates permissions after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def _permissions(Permission, names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return found


def create_base_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    _ensure_permissions(apps)
    root_collection = Collection.objects.filter(depth=1).first()
    root_page = Page.objects.filter(depth=1).first()

    for name in roles.BASE_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        model_permissions = roles.MODEL_PERMISSIONS[name]
        if model_permissions is None:
            group.permissions.set(Permission.objects.all())
        else:
            group.permissions.add(*_permissions(Permission, model_permissions))
        if root_collection is not None:
            for permission in _permissions(Permission, roles.COLLECTION_PERMISSIONS[name]):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        if name == roles.ADMINISTRATORS and root_page is not None:
            for codename in roles.PAGE_PERMISSIONS[name]:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )


def remove_base_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=roles.BASE_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_section_editor_task"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("core", "0003_edition_dates_and_digits"),
        ("topics", "0001_initial"),
        ("corrections", "0001_initial"),
        ("curation", "0001_initial"),
        ("people", "0001_initial"),
        ("sources", "0001_initial"),
        ("pages", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_base_groups, remove_base_groups)]
