"""Admin hooks that make content fields follow the language of the content they hold."""

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def content_direction_js():
    """Load the script that sets direction and language on fields Wagtail draws in the browser.

    Page and snippet editors both include this hook. The right-to-left languages come from
    Django's LANGUAGES_BIDI, so the script keeps no list of its own.
    """
    return format_html(
        '<script src="{}" data-rtl-languages="{}"></script>',
        static("js/admin-content-direction.js"),
        " ".join(settings.LANGUAGES_BIDI),
    )


@hooks.register("insert_global_admin_css")
def content_direction_css():
    # Wagtail has no editor-only CSS hook; the rules apply only to editors the script marked.
    return format_html(
        '<link rel="stylesheet" href="{}">', static("css/admin-content-direction.css")
    )
