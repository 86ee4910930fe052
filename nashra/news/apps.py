from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "nashra.news"
    label = "news"
