from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "nashra.ingest"
    label = "ingest"
