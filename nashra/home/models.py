from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageManager, PageQuerySet

from nashra.core.forms import EditionPageForm
from nashra.core.pagination import paginate
from nashra.curation.models import HomeCuration
from nashra.feeds.routes import EditionFeedsMixin
from nashra.news.models import ArticlePage, SectionPage
from nashra.news.queries import prefetch_renditions
from nashra.news.serving import CachedViewRestrictionsMixin, has_route_for, route_below
from nashra.people.models import Author
from nashra.search.views import search
from nashra.topics.models import Topic


class HomePageQuerySet(PageQuerySet):
    def for_language(self, language_code):
        """Return the home page of an edition ("en", "ar"), or None."""
        return self.filter(locale__language_code=language_code).order_by("path").first()


class HomePage(CachedViewRestrictionsMixin, EditionFeedsMixin, RoutablePageMixin, Page):
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

    objects = PageManager.from_queryset(HomePageQuerySet)()

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        # The edition's locale is in the cached edition: spare each page a query for it.
        edition = getattr(request, "edition", None)
        if edition and edition.locale.pk == self.locale_id:
            self.locale = edition.locale
        # The home's own routes (topics, authors, search, feeds) first, as Wagtail would;
        # then the page at the path, found without walking the tree a level at a time.
        if path_components and not has_route_for(self, path_components):
            return route_below(self, request, path_components)
        return super().route(request, path_components)

    def edition_articles(self, renditions=True):
        articles = ArticlePage.objects.live().public().filter(locale_id=self.locale_id).latest()
        return articles.for_listing() if renditions else articles.select_related("hero_image")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Topic and author pages are routes of this page: they need none of the front page.
        match = getattr(request, "routable_resolver_match", None)
        if match is None or match.url_name == "index_route":
            context.update(self.front_context(request))
        return context

    def front_context(self, request=None):
        """Return the top story, featured slots, latest articles and section blocks, none repeated.

        Pinned articles come first; a featured slot left empty, or whose article is not live,
        takes the next latest article instead.
        """
        top_pin, slot_pins = HomeCuration.pins_for(self.locale)
        pinned = {article.pk for article in (top_pin, *slot_pins) if article is not None}
        needed = 1 + len(slot_pins) + self.LATEST_COUNT
        # Teasers' renditions are fetched once for the whole page, at the end.
        fallback = iter(self.edition_articles(renditions=False).exclude(pk__in=pinned)[:needed])
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
        for section in self._menu_sections(request):
            articles = list(
                ArticlePage.objects.live()
                .public()
                .in_section(section)
                .exclude(pk__in=shown)
                .latest()
                .select_related("hero_image")[: self.SECTION_BLOCK_COUNT]
            )
            shown.update(article.pk for article in articles)
            if articles:
                section_blocks.append((section, articles))
        context["section_blocks"] = section_blocks
        teasers = [context["top_story"], *context["featured_articles"], *context["latest_articles"]]
        teasers += [article for _section, articles in section_blocks for article in articles]
        prefetch_renditions(article.hero_image for article in teasers if article is not None)
        return context

    def _menu_sections(self, request):
        """Return the sections in this edition's menu, from the cached edition when it is ours."""
        edition = getattr(request, "edition", None)
        if edition and edition.home is not None and edition.home.pk == self.pk:
            return edition.sections
        return SectionPage.objects.child_of(self).live().in_menu()

    @path("topics/<str:slug>/", name="topic")
    def topic_view(self, request, slug):
        topic = get_object_or_404(Topic, locale=self.locale, slug=slug)
        articles = paginate(
            request, self.edition_articles().filter(topics=topic), listing=("topic", topic.pk)
        )
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
        articles = paginate(
            request, self.edition_articles().filter(authors=author), listing=("author", author.pk)
        )
        return self.render(
            request,
            context_overrides={"author": author, "articles": articles},
            template="people/author_page.html",
        )

    @path("search/", name="search")
    def search_view(self, request):
        return search(request, self)
