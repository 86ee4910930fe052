from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "nashra.curation"
    label = "curation"
