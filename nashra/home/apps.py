from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "nashra.home"
    label = "home"
