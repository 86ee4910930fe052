from django.db import transaction
from wagtail.log_actions import log


@transaction.atomic
def withdraw_breaking_news(item, user=None):
    """Take a breaking line off the air at once; a revision and the audit log record who did."""
    item.refresh_from_db()  # the revision records the line as stored, not as the caller saw it
    item.withdrawn = True
    item.save(update_fields=["withdrawn"])
    revision = item.save_revision(user=user, clean=False)
    log(instance=item, action="nashra.breaking_withdraw", user=user, revision=revision)
    return item
