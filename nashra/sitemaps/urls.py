from django.urls import path, re_path

from . import views

app_name = "sitemaps"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="index"),
    re_path(
        r"^sitemaps/(?P<language>[\w-]+?)-(?P<kind>pages|topics|authors)-(?P<number>[0-9]+)\.xml$",
        views.edition_sitemap,
        name="edition",
    ),
    re_path(r"^sitemaps/(?P<language>[\w-]+?)-news\.xml$", views.news_sitemap, name="news"),
]
