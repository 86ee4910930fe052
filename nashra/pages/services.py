from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _


@transaction.atomic
def receive_contact_message(*, page, locale, name, email, subject, message):
    """Store a reader's message and tell the newsroom, once the message is safely saved."""
    contact_message = page.messages.create(
        locale=locale, name=name, email=email, subject=subject, message=message
    )
    if settings.NASHRA_CONTACT_EMAIL:
        transaction.on_commit(
            lambda: send_mail(
                _("Contact form: %(subject)s") % {"subject": subject},
                f"{name} <{email}>\n\n{message}",
                settings.DEFAULT_FROM_EMAIL,
                [settings.NASHRA_CONTACT_EMAIL],
                fail_silently=True,
            )
        )
    return contact_message
