from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "nashra.topics"
    label = "topics"
