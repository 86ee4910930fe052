"""What administrators of users do about others' sign-in: reset a lost second step, and see
and lift lockouts."""

import logging

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from . import services

logger = logging.getLogger(__name__)


class ResetTwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """Settings › Users › a user › Reset two-step verification: for a lost phone."""

    template_name = "accounts/admin/reset_two_factor.html"
    page_title = gettext_lazy("Reset two-step verification")
    header_icon = "key"

    def dispatch(self, request, user_id):
        self.person = get_object_or_404(get_user_model(), pk=user_id)
        if not services.may_reset_two_factor(request.user, self.person):
            raise PermissionDenied
        return super().dispatch(request, user_id)

    def get_page_subtitle(self):
        return get_user_display_name(self.person)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("wagtailusers_users:index"), "label": _("Users")},
            {
                "url": reverse("wagtailusers_users:edit", args=[self.person.pk]),
                "label": get_user_display_name(self.person),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person,
            has_two_factor=services.has_two_factor(self.person),
            required=settings.NASHRA_REQUIRE_2FA,
            **kwargs,
        )

    def post(self, request, user_id):
        services.reset_two_factor(self.person, by=request.user, via="admin")
        messages.success(
            request,
            _("Two-step verification of %(name)s was reset.")
            % {"name": get_user_display_name(self.person)},
        )
        return redirect("wagtailusers_users:index")


def user_administrators():
    return ModelPermissionPolicy(get_user_model())


class IsolatedColumn(Column):
    """A column of Latin text (an address, a path) or of names in either script, isolated so
    that neither scrambles a right-to-left table."""

    cell_template_name = "accounts/admin/isolated_cell.html"

    def __init__(self, *args, ltr=False, **kwargs):
        self.ltr = ltr
        super().__init__(*args, **kwargs)


class LockedUntilColumn(Column):
    def get_value(self, attempt):
        if attempt.locked_until is None:
            return ""
        return formats.date_format(
            timezone.localtime(attempt.locked_until), "SHORT_DATETIME_FORMAT"
        )


class UnlockColumn(Column):
    cell_template_name = "accounts/admin/unlock_cell.html"


class SignInFailuresView(ReportView):
    """Reports › Sign-in failures: the failed sign-ins still counted, per account and address,
    and the lockouts among them, each with an Unlock button."""

    page_title = gettext_lazy("Sign-in failures")
    header_icon = "lock"
    index_url_name = "nashra_sign_in_failures"
    index_results_url_name = "nashra_sign_in_failures_results"
    permission_required = "change"
    no_results_message = gettext_lazy("No failed sign-ins are being counted.")
    list_export = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info"]
    export_headings = {
        "username": gettext_lazy("Account"),
        "ip_address": gettext_lazy("Address"),
        "failures_since_start": gettext_lazy("Failures"),
        "attempt_time": gettext_lazy("Last failure"),
        "path_info": gettext_lazy("Page"),
    }
    columns = [
        IsolatedColumn("username", label=gettext_lazy("Account")),
        IsolatedColumn("ip_address", label=gettext_lazy("Address"), ltr=True),
        Column("failures_since_start", label=gettext_lazy("Failures")),
        DateColumn("attempt_time", label=gettext_lazy("Last failure")),
        LockedUntilColumn("locked_until", label=gettext_lazy("Locked until")),
        IsolatedColumn("path_info", label=gettext_lazy("Page"), ltr=True),
        UnlockColumn("unlock", label=gettext_lazy("Actions")),
    ]

    @property
    def permission_policy(self):
        return user_administrators()

    def get_filename(self):
        return f"sign-in-failures-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return AccessAttempt.objects.filter(
            attempt_time__gte=timezone.now() - get_cool_off()
        ).order_by("-attempt_time")

    def decorate_paginated_queryset(self, attempts):
        limit, cool_off, now = settings.AXES_FAILURE_LIMIT, get_cool_off(), timezone.now()
        for attempt in attempts:
            until = attempt.attempt_time + cool_off
            attempt.locked_until = until if attempt.failures_since_start >= limit else None
            if attempt.locked_until and attempt.locked_until <= now:
                attempt.locked_until = None
        return attempts


class UnlockView(View):
    """Forget an account's failures from one address: it may sign in from there at once."""

    def post(self, request, attempt_id):
        if not user_administrators().user_has_permission(request.user, "change"):
            raise PermissionDenied
        attempt = get_object_or_404(AccessAttempt, pk=attempt_id)
        AccessAttempt.objects.filter(
            username=attempt.username, ip_address=attempt.ip_address
        ).delete()
        logger.warning(
            "Sign-in failures of %s from %s forgotten by %s",
            attempt.username,
            attempt.ip_address,
            request.user.get_username(),
        )
        User = get_user_model()
        person = User.objects.filter(**{User.USERNAME_FIELD: attempt.username}).first()
        if person is not None:
            log(person, "nashra.sign_in.unlock", data={"address": attempt.ip_address})
        messages.success(
            request,
            _("%(account)s may sign in from %(address)s again.")
            % {"account": attempt.username, "address": attempt.ip_address},
        )
        return redirect("nashra_sign_in_failures")
