from wagtail import hooks

from . import tags


@hooks.register("before_serve_page")
def note_what_the_page_is(page, request, serve_args, serve_kwargs):
    """Articles are kept longer than listings, and carry their own tag."""
    from nashra.news.models import ArticlePage

    if isinstance(page, ArticlePage):
        request._nashra_cache_policy = "article"
        tags.add(request, tags.article_tag(page.pk))
