"""The newsroom's roles and what each may do; plain data, also read by the data migration."""

from django.utils.translation import gettext_noop

# Group names are stored in English and translated where they are shown.
WRITERS = gettext_noop("Writers")
EDITORS = gettext_noop("Editors")
CHIEF_EDITORS = gettext_noop("Chief editors")
ADMINISTRATORS = gettext_noop("Administrators")
BASE_GROUPS = (WRITERS, EDITORS, CHIEF_EDITORS, ADMINISTRATORS)

# Wagtail page permissions, granted on a section (writers, editors), an edition's home page
# (chief editors) or the root page (administrators); they apply to every page below it.
PAGE_PERMISSIONS = {
    WRITERS: ("add_page", "change_page"),
    EDITORS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    CHIEF_EDITORS: (
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ),
    ADMINISTRATORS: (
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ),
}

# Model permissions ("app_label.codename"): the admin itself, snippets and settings.
_WRITER_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "topics.view_topic",
    "people.view_author",
    "sources.view_source",
    "sources.add_source",
)
_EDITOR_MODEL_PERMISSIONS = _WRITER_MODEL_PERMISSIONS + (
    "topics.add_topic",
    "topics.change_topic",
    "people.add_author",
    "people.change_author",
    "sources.change_source",
    # Corrections in public, and the follow-ups they open in the other edition.
    "corrections.view_correction",
    "corrections.add_correction",
    "corrections.change_correction",
    "corrections.view_translationfollowup",
    "corrections.change_translationfollowup",
)
_CHIEF_MODEL_PERMISSIONS = _EDITOR_MODEL_PERMISSIONS + (
    "topics.delete_topic",
    "people.delete_author",
    "sources.delete_source",
    "core.view_editionsettings",
    "core.change_editionsettings",
    "pages.view_contactmessage",
    "corrections.delete_correction",
    # Breaking news and the front page belong to the chief editor.
    "curation.view_breakingnews",
    "curation.add_breakingnews",
    "curation.change_breakingnews",
    "curation.delete_breakingnews",
    "curation.view_homecuration",
    "curation.add_homecuration",
    "curation.change_homecuration",
    "curation.delete_homecuration",
)
MODEL_PERMISSIONS = {
    WRITERS: _WRITER_MODEL_PERMISSIONS,
    EDITORS: _EDITOR_MODEL_PERMISSIONS,
    CHIEF_EDITORS: _CHIEF_MODEL_PERMISSIONS,
    ADMINISTRATORS: None,  # every permission there is
}

# Image and document permissions, granted on the root collection. Wagtail checks images
# against its own Image model's permissions, whatever the custom image model.
COLLECTION_PERMISSIONS = {
    WRITERS: (
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ),
    EDITORS: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
    CHIEF_EDITORS: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    ),
}
COLLECTION_PERMISSIONS[ADMINISTRATORS] = COLLECTION_PERMISSIONS[CHIEF_EDITORS]

SEPARATOR = " · "
# Stored in English like the groups; the Submit button shows them translated (action_menu).
REVIEW_WORKFLOW = gettext_noop("Newsroom review")
REVIEW_TASK = gettext_noop("Section editor review")
