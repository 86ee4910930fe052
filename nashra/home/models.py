from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from nashra.core.forms import EditionPageForm
from nashra.core.pagination import paginate
from nashra.news.models import ArticlePage, SectionPage
from nashra.people.models import Author
from nashra.topics.models import Topic


class HomePage(RoutablePageMixin, Page):
    """The front page of one language edition; topic and author pages hang off it."""

    LATEST_COUNT = 6
    SECTION_BLOCK_COUNT = 4

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "pages.StandardPage", "pages.ContactPage"]
    base_form_class = EditionPageForm

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def edition_articles(self):
        return ArticlePage.objects.live().in_locale(self.locale).latest().for_listing()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Topic and author pages are routes of this page: they need none of the front page.
        match = getattr(request, "routable_resolver_match", None)
        if match is None or match.url_name == "index_route":
            context.update(self.front_context())
        return context

    def front_context(self):
        """Return the top story, the latest articles and a block per section, none repeated."""
        context = {}
        latest = list(self.edition_articles()[: self.LATEST_COUNT + 1])
        context["top_story"] = latest[0] if latest else None
        context["latest_articles"] = latest[1:]
        shown = {article.pk for article in latest}
        section_blocks = []
        for section in SectionPage.objects.child_of(self).live().in_menu():
            articles = list(
                ArticlePage.objects.live()
                .in_section(section)
                .exclude(pk__in=shown)
                .latest()
                .for_listing()[: self.SECTION_BLOCK_COUNT]
            )
            shown.update(article.pk for article in articles)
            if articles:
                section_blocks.append((section, articles))
        context["section_blocks"] = section_blocks
        return context

    @path("topics/<str:slug>/", name="topic")
    def topic_view(self, request, slug):
        topic = get_object_or_404(Topic, locale=self.locale, slug=slug)
        articles = paginate(request, self.edition_articles().filter(topics=topic))
        return self.render(
            request,
            context_overrides={"topic": topic, "articles": articles},
            template="topics/topic_page.html",
        )

    @path("authors/<str:slug>/", name="author")
    def author_view(self, request, slug):
        author = get_object_or_404(
            Author.objects.select_related("photo"), locale=self.locale, slug=slug
        )
        articles = paginate(request, self.edition_articles().filter(authors=author))
        return self.render(
            request,
            context_overrides={"author": author, "articles": articles},
            template="people/author_page.html",
        )
