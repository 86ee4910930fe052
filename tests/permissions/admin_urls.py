"""Every URL of the admin, read from the URL configuration."""

from functools import cache

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.snippets.models import get_snippet_models

ADMIN_PREFIX = "admin/"


def _walk(resolver, route="", namespaces=()):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from _walk(pattern, route + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(namespaces + (pattern.name,)) if pattern.name else None
            yield route + str(pattern.pattern), name


@cache
def admin_urls():
    """Return (route, qualified name or None) of every URL under /admin/."""
    return tuple(
        (route, name) for route, name in _walk(get_resolver()) if route.startswith(ADMIN_PREFIX)
    )


def snippet_namespaces(label):
    """Return the URL namespaces of a snippet model's viewset and of its chooser."""
    admin_urls()  # loading the admin's URLs registers the snippets (wagtail_hooks)
    viewset = apps.get_model(label).snippet_viewset
    return viewset.get_admin_url_namespace(), viewset.get_chooser_admin_url_namespace()


@cache
def snippet_views(label):
    """Return the names of the views a snippet model has in the admin (list, edit, …)."""
    namespace = snippet_namespaces(label)[0] + ":"
    return frozenset(
        name.removeprefix(namespace)
        for _route, name in admin_urls()
        if name and name.startswith(namespace)
    )


def snippet_label(namespace):
    """Return the model label ("topics.topic") of a snippet viewset's URL namespace, or None."""
    for model in get_snippet_models():
        if namespace in snippet_namespaces(model._meta.label_lower):
            return model._meta.label_lower
    return None


def snippet_url(label, view, *args, **kwargs):
    return reverse(
        f"{snippet_namespaces(label)[0]}:{view}", args=args or None, kwargs=kwargs or None
    )


def chooser_url(label, view, *args):
    return reverse(f"{snippet_namespaces(label)[1]}:{view}", args=args)
