from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageManager, PageQuerySet

from nashra.caching import listings, tags
from nashra.core.forms import EditionPageForm
from nashra.core.pagination import paginate
from nashra.curation.models import HomeCuration
from nashra.feeds.routes import EditionFeedsMixin
from nashra.news.models import ArticlePage, SectionPage
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
        takes the next latest article instead. Which articles go where is kept until a change
        to the edition's listings (``listings.ids``); the teasers are ``listings.Ref``s, so a
        front page whose teasers are all kept reads no article.
        """
        sections = self._menu_sections(request)
        plan = listings.ids(
            [tags.listing_tag("home", self.pk)],
            self.locale.language_code,
            f"home:{self.pk}",
            lambda: self._front_plan(sections),
        )
        placed = [plan["top"], *plan["featured"], *plan["latest"]]
        placed += [pair for _section_pk, pairs in plan["sections"] for pair in pairs]
        refs = listings.Refs([pair for pair in placed if pair is not None], self._teasers_by_id)
        ref = {item.pk: item for item in refs.items}.get
        by_pk = {section.pk: section for section in sections}
        return {
            "top_story": ref(plan["top"][0]) if plan["top"] else None,
            "featured_articles": [ref(pk) for pk, _published_at in plan["featured"]],
            "latest_articles": [ref(pk) for pk, _published_at in plan["latest"]],
            "section_blocks": [
                (by_pk[section_pk], [ref(pk) for pk, _published_at in pairs])
                for section_pk, pairs in plan["sections"]
                if section_pk in by_pk
            ],
        }

    @staticmethod
    def _teasers_by_id(ids):
        articles = ArticlePage.objects.live().public().filter(pk__in=ids).for_listing()
        return {article.pk: article for article in articles}

    def _front_plan(self, sections):
        """Which articles go where on the front page, as (id, published_at) pairs."""
        top_pin, slot_pins = HomeCuration.pins_for(self.locale)
        pinned = {article.pk for article in (top_pin, *slot_pins) if article is not None}
        needed = 1 + len(slot_pins) + self.LATEST_COUNT
        fallback = iter(
            self.edition_articles(renditions=False)
            .exclude(pk__in=pinned)
            .values_list("pk", "published_at")[:needed]
        )
        shown = set()

        def place(pin):
            pair = (pin.pk, pin.published_at) if pin is not None and pin.pk not in shown else None
            pair = pair or next(fallback, None)
            if pair is not None:
                shown.add(pair[0])
            return pair

        plan = {"top": place(top_pin)}
        plan["featured"] = [pair for pair in map(place, slot_pins) if pair is not None]
        latest = (place(None) for position in range(self.LATEST_COUNT))
        plan["latest"] = [pair for pair in latest if pair is not None]
        plan["sections"] = []
        for section in sections:
            pairs = list(
                ArticlePage.objects.live()
                .public()
                .in_section(section)
                .exclude(pk__in=shown)
                .latest()
                .values_list("pk", "published_at")[: self.SECTION_BLOCK_COUNT]
            )
            shown.update(pk for pk, _published_at in pairs)
            if pairs:
                plan["sections"].append((section.pk, pairs))
        return plan

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
            request,
            self.edition_articles().filter(topics=topic),
            listing=("topic", topic.pk),
            refs=True,
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
            request,
            self.edition_articles().filter(authors=author),
            listing=("author", author.pk),
            refs=True,
        )
        return self.render(
            request,
            context_overrides={"author": author, "articles": articles},
            template="people/author_page.html",
        )

    @path("search/", name="search")
    def search_view(self, request):
        return search(request, self)
