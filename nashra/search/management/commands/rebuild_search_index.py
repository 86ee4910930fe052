from django.core.management.base import BaseCommand

from nashra.search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Index every live article for the site search again, from scratch."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, batch_size, **options):
        rebuild_index(batch_size=batch_size, stdout=self.stdout)
