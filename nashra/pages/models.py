from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from nashra.core.blocks import StandardPageStoryBlock
from nashra.core.forms import EditionPageForm

from .forms import ContactForm
from .ratelimit import contact_rate_limited
from .services import receive_contact_message


class StandardPage(Page):
    """About Us and other fixed pages of an edition."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(StandardPageStoryBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]
    base_form_class = EditionPageForm

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class ContactPage(RoutablePageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("thank_you_text")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    base_form_class = EditionPageForm

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    @path("")
    def form_view(self, request):
        form = ContactForm(request.POST or None)
        rate_limited = False
        if request.method == "POST" and form.is_valid():
            if form.is_spam():
                # Bots get the same thank-you as people, so the honeypot is not revealed.
                return redirect(self.url + self.reverse_subpage("thanks"))
            # Counted here, not by django-ratelimit's decorator around serve(): that would
            # count every GET and every invalid form, and answer 403 instead of this page.
            rate_limited = contact_rate_limited(request)
            if not rate_limited:
                receive_contact_message(page=self, locale=self.locale, **form.message_fields())
                return redirect(self.url + self.reverse_subpage("thanks"))
        response = self.render(
            request, context_overrides={"form": form, "rate_limited": rate_limited}
        )
        if rate_limited:
            response.status_code = 429
        return response

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        return TemplateResponse(
            request, "pages/contact_page_thanks.html", self.get_context(request)
        )


class ContactMessage(models.Model):
    """A message sent through a contact page, kept for the newsroom to read in the admin."""

    page = models.ForeignKey(
        ContactPage,
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("edition"), null=True, on_delete=models.SET_NULL
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    panels = [
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("subject", read_only=True),
        FieldPanel("message", read_only=True),
    ]

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} — {self.name}"
