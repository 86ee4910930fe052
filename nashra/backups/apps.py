from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "nashra.backups"
    label = "backups"
