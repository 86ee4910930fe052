from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "nashra.analytics"
    label = "analytics"
