from django.apps import AppConfig


class BaselineConfig(AppConfig):
    """Stock Wagtail's floor for `make bench`: a bare page every figure is compared with."""

    name = "nashra.baseline"
    label = "baseline"
    default_auto_field = "django.db.models.BigAutoField"
