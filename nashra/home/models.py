from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from nashra.core.forms import EditionPageForm
from nashra.core.pagination import paginate
from nashra.feeds.routes import EditionFeedsMixin
from nashra.news.models import ArticlePage, SectionPage
from nashra.people.models import Author
from nashra.topics.models import Topic


class HomePage(EditionFeedsMixin, RoutablePageMixin, Page):
    """The front page of one language edition; topic and author pages hang off it."""

    LATEST_COUNT = 6
    SECTION_BLOCK_COUNT = 4

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.SectionPage",
        "pages.StandardPage",
        "pages.ContactPage",
        "corrections.CorrectionsPage",
    ]
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
        """Return the top story, featured slots, latest articles and section blocks, none repeated.

        Pinned articles come first; a featured slot left empty, or whose article is not live,
        takes the next latest article instead.
        """
        from nashra.curation.models import HomeCuration

        top_pin, slot_pins = HomeCuration.pins_for(self.locale)
        pinned = {article.pk for article in (top_pin, *slot_pins) if article is not None}
        needed = 1 + len(slot_pins) + self.LATEST_COUNT
        fallback = iter(self.edition_articles().exclude(pk__in=pinned)[:needed])
        shown = set()

        def place(pin):
            article = pin if pin is not None and pin.pk not in shown else next(fallback, None)
            if article is not None:
                shown.add(article.pk)
            return article

        context = {"top_story": place(top_pin)}
        context["featured_articles"] = [
            article for article in map(place, slot_pins) if article is not None
        ]
        latest = (place(None) for position in range(self.LATEST_COUNT))
        context["latest_articles"] = [article for article in latest if article is not None]
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

    @path("search/", name="search")
    def search_view(self, request):
        from nashra.search.views import search

        return search(request, self)
