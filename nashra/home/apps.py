from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "nashra.home"
    label = "home"

    def ready(self):
        from . import editions, sites

        editions.connect()
        sites.connect()
