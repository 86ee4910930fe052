from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "nashra.people"
    label = "people"
