from django.core.management.base import BaseCommand
from django.db import connection

from nashra.search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Index every live article for the site search again, from scratch."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, batch_size, **options):
        rebuild_index(batch_size=batch_size, stdout=self.stdout)
        if connection.vendor == "postgresql" and connection.get_autocommit():
            # Every entry was written twice (row, then its vectors): reclaim the dead rows and
            # refresh the planner's statistics now rather than whenever autovacuum comes by.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_searchentry")
