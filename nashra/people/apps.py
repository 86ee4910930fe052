from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "nashra.people"
    label = "people"

    def ready(self):
        from nashra.caching.signals import purge_edition_on_change

        from .models import Author

        # Its name shows on every article of its edition that carries it.
        purge_edition_on_change(Author)
