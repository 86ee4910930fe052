from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "nashra.corrections"
    label = "corrections"
