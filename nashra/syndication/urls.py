from django.urls import path

from . import views

# Included under each edition's prefix and "ninjs/" (nashra/urls.py): /ar/ninjs/, /en/ninjs/….
urlpatterns = [
    path("", views.EditionListing.as_view(), name="ninjs-edition"),
    path("items/<int:page_id>/", views.ItemView.as_view(), name="ninjs-item"),
    path("sections/<path:slugs>/", views.SectionListing.as_view(), name="ninjs-section"),
    path("topics/<str:slug>/", views.TopicListing.as_view(), name="ninjs-topic"),
    path("authors/<str:slug>/", views.AuthorListing.as_view(), name="ninjs-author"),
    # Anything else below ninjs/ is a JSON 404 too (without its slash, Django adds one first).
    path("<path:rest>/", views.MissingView.as_view(), name="ninjs-missing"),
]
