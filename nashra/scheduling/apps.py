from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "nashra.scheduling"
    label = "scheduling"
