from django.core.management import BaseCommand, CommandError
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from nashra.baseline.models import BarePage

HOSTNAME = "baseline.localhost"


class Command(BaseCommand):
    help = _(
        "Make (or refresh) the bare page `make bench` serves with stock Wagtail: the given "
        "page's headline and text in one field, on a site of its own (baseline.localhost)."
    )

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int, help=_("The article whose words it carries."))

    @transaction.atomic
    def handle(self, *args, page_id, **options):
        try:
            source = Page.objects.get(pk=page_id).specific
        except Page.DoesNotExist as error:
            raise CommandError(_("No page has that id.")) from error
        words = [getattr(source, "lead", "")]
        for block in getattr(source, "body", []):
            words.append(strip_tags(str(block.render())))
        body = "\n\n".join(word for word in words if word)
        site = Site.objects.filter(hostname=HOSTNAME).first()
        if site is None:
            root = BarePage(title="Baseline", slug="baseline-root")
            Page.get_first_root_node().add_child(instance=root)
            site = Site.objects.create(hostname=HOSTNAME, port=80, root_page=root)
        root = site.root_page
        article = BarePage.objects.child_of(root).first()
        if article is None:
            article = BarePage(title=source.title, slug="article", body=body)
            root.add_child(instance=article)
        else:
            article.title, article.body = source.title, body
            article.save()
        self.stdout.write(f"http://{HOSTNAME}/article/")
