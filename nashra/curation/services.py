from django.db import transaction
from wagtail.log_actions import log


@transaction.atomic
def withdraw_breaking_news(item, user=None):
    """Take a breaking line off the air at once; the audit log records who did."""
    item.withdrawn = True
    item.save(update_fields=["withdrawn"])
    log(instance=item, action="nashra.breaking_withdraw", user=user)
    return item
