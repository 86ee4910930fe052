from django.urls import path
from django.views.decorators.cache import never_cache

from .views import PasswordResetView

# Before Wagtail's admin URLs (nashra/urls.py), on the same path, so that its "Forgotten
# password?" link leads here.
urlpatterns = [
    path("password_reset/", never_cache(PasswordResetView.as_view()), name="nashra_password_reset"),
]
