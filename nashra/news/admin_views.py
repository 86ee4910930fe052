from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nashra.core.permissions import ARTICLE_EDITORS

from .models import ArticlePage
from .translations import link_translation


class LinkTranslationForm(forms.Form):
    original = forms.ModelChoiceField(
        queryset=ArticlePage.objects.none(),
        label=gettext_lazy("Original article"),
        help_text=gettext_lazy("The article in the other edition that this one translates."),
    )

    def __init__(self, *args, page, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Live articles of the other editions that this editor may publish: linking changes
        # both pages at once, without review, so it is for those who could publish either.
        self.fields["original"].queryset = (
            ArticlePage.objects.live()
            .public()
            .exclude(locale_id=page.locale_id)
            .select_related("locale")
            .order_by("-published_at", "title")
        )
        ARTICLE_EDITORS.narrow_field(self.fields["original"], user)
        self.fields["original"].label_from_instance = lambda article: (
            f"[{article.locale.language_code}] {article.title}"
        )


def link_translation_view(request, page_id):
    """Let an editor declare an existing article the translation of another edition's one."""
    page = get_object_or_404(ArticlePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    form = LinkTranslationForm(request.POST or None, page=page, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            link_translation(page, form.cleaned_data["original"], user=request.user)
        except ValidationError as error:
            form.add_error("original", error)
        else:
            messages.success(
                request,
                _("“%(title)s” is now linked to its original.") % {"title": page.title},
            )
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(
        request,
        "news/admin/link_translation.html",
        {"page": page, "form": form, "header_title": _("Link a translation")},
    )
