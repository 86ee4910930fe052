from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from nashra.accounts.services import reset_two_factor


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app, passkeys and recovery codes (a lost phone or "
        "passkey): they set up two-step verification again at their next sign-in. Logged in "
        "the user's history."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(
                _("No user is called %(username)s.") % {"username": username}
            ) from None
        removed = reset_two_factor(user, via="manage.py reset_2fa")
        if removed:
            self.stdout.write(
                _("Two-step verification of %(name)s was reset.") % {"name": username}
            )
        else:
            self.stdout.write(
                _("%(username)s had no two-step verification set up.") % {"username": username}
            )
