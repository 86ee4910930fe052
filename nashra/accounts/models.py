import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PasswordResetRequestQuerySet(models.QuerySet):
    def since(self, moment):
        return self.filter(requested_at__gte=moment)

    def before(self, moment):
        return self.filter(requested_at__lt=moment)


class PasswordResetRequest(models.Model):
    """One request for a password-reset mail, counted per client address and e-mail address.

    Only a keyed hash of the two is kept, never the addresses themselves, and only for as long
    as the limit's window (``NASHRA_PASSWORD_RESET_WINDOW``).
    """

    fingerprint = models.CharField(_("fingerprint"), max_length=64, db_index=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)

    objects = PasswordResetRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self):
        return f"{self.fingerprint[:8]}… {self.requested_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def fingerprint_of(client_address, email):
        return hashlib.blake2s(
            f"{client_address}\n{email.strip().casefold()}".encode(),
            key=settings.SECRET_KEY.encode()[:32],
        ).hexdigest()
