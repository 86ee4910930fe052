import datetime
import uuid

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from nashra.caching import listings, tags
from nashra.caching.store import version_of
from nashra.core import privacy
from nashra.core.blocks import ArticleStoryBlock
from nashra.core.forms import EditionPageForm
from nashra.core.pagination import paginate
from nashra.feeds.routes import SectionFeedsMixin

from .labels import article_labels
from .queries import ArticlePageManager, SectionPageManager, images_in, prefetch_renditions
from .serving import CachedViewRestrictionsMixin, sections_on_trail


def _timestamp(moment):
    """A publication date as kept with an article's id: seconds since the epoch, 0 for none."""
    return moment.timestamp() if moment else 0.0


def _moment(timestamp):
    return datetime.datetime.fromtimestamp(timestamp, datetime.UTC) if timestamp else None


def _fragment_cached(name, vary_on):
    """Is the ``{% cache … "name" *vary_on %}`` fragment kept? (Nothing in it need be fetched.)

    The tag names a fragment by its token as written, quotes and all.
    """
    return cache.has_key(make_template_fragment_key(f'"{name}"', vary_on))


class SectionPage(CachedViewRestrictionsMixin, SectionFeedsMixin, RoutablePageMixin, Page):
    """A section of an edition (News, Middle East…); sections nest."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage", "news.SectionPage"]
    subpage_types = ["news.SectionPage", "news.ArticlePage", "live.LivePage"]
    base_form_class = EditionPageForm

    objects = SectionPageManager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    @cached_property
    def sections(self):
        """Return this section and those above it, outermost first, for the breadcrumb."""
        above = sections_on_trail(self, SectionPage)
        if above is not None:
            return above + [self] if self.live else above
        return list(SectionPage.objects.ancestor_of(self, inclusive=True).live().order_by("depth"))

    def articles(self):
        return ArticlePage.objects.live().public().in_section(self).latest().for_listing()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(
            request, self.articles(), listing=("section", self.pk), refs=True
        )
        return context


class ArticlePage(CachedViewRestrictionsMixin, Page):
    is_article = True  # what templates and the floors below ask, without importing this

    class TypeOfWork(models.TextChoices):
        NEWS = "news", _("News")
        ANALYSIS = "analysis", _("Analysis")
        OPINION = "opinion", _("Opinion")
        INTERVIEW = "interview", _("Interview")
        FACT_CHECK = "fact_check", _("Fact check")
        SPONSORED = "sponsored", _("Sponsored")

    type_of_work = models.CharField(
        _("type of work"),
        max_length=20,
        choices=TypeOfWork.choices,
        default=TypeOfWork.NEWS,
        db_index=True,
    )
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_("Nothing may publish this article before this time, whatever its go-live."),
    )
    lead = models.TextField(_("lead"), help_text=_("The standfirst under the headline."))
    body = StreamField(ArticleStoryBlock(), verbose_name=_("body"), blank=True)
    hero_image = models.ForeignKey(
        "core.NashraImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("hero caption"), max_length=500, blank=True)
    hero_credit = models.CharField(_("hero credit"), max_length=255, blank=True)
    topics = ParentalManyToManyField("topics.Topic", verbose_name=_("topics"), blank=True)
    sources = ParentalManyToManyField(
        "sources.Source", verbose_name=_("sources"), related_name="articles"
    )
    authors = ParentalManyToManyField(
        "people.Author", verbose_name=_("authors"), blank=True, related_name="articles"
    )
    published_at = models.DateTimeField(
        _("first published"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Filled in on first publication when left empty."),
    )
    updated_at = models.DateTimeField(
        _("updated"),
        null=True,
        blank=True,
        help_text=_("Set only for a significant update; readers see “Updated …”."),
    )
    wire_uri = models.CharField(
        _("wire URI"),
        max_length=500,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("The ninjs uri this article was imported from."),
    )

    translated_from = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("translated from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text=_("The edition whose article this one translates; its readers see a link to it."),
    )
    # Pictures a wire item announced by a remote address: recorded for an editor, not fetched.
    remote_media = models.JSONField(_("remote media"), default=list, blank=True, editable=False)

    objects = ArticlePageManager()

    content_panels = Page.content_panels + [
        FieldPanel("type_of_work"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("topics"), FieldPanel("sources"), FieldPanel("authors")],
            heading=_("Topics, sources and authors"),
        ),
        FieldRowPanel([FieldPanel("published_at"), FieldPanel("updated_at")], heading=_("Dates")),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("embargo_until")]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("published_at"),
    ]
    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    base_form_class = EditionPageForm
    exclude_fields_in_copy = ["wire_uri"]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # Related articles are ranked by their publication dates, read from here alone.
            models.Index(fields=["page_ptr", "published_at"], name="news_article_published_by_id")
        ]

    def with_content_json(self, content):
        """Build the page a revision describes; under embargo its go-live is the embargo's end.

        Every way of publishing (the edit view, workflow approval, bulk actions, code) builds
        the page through here, so an embargoed revision is only ever scheduled, never live.
        """
        obj = super().with_content_json(content)
        embargo = obj.embargo_until
        if embargo and embargo > timezone.now() and (obj.go_live_at or embargo) <= embargo:
            obj.go_live_at = embargo
        return obj

    def save(self, *args, **kwargs):
        if self.live and self.published_at is None:
            self.published_at = self.first_published_at or timezone.now()
        super().save(*args, **kwargs)

    @cached_property
    def hero_caption_text(self):
        return self.hero_caption or (self.hero_image.caption if self.hero_image else "")

    @cached_property
    def hero_credit_text(self):
        return self.hero_credit or (self.hero_image.credit if self.hero_image else "")

    @cached_property
    def sections(self):
        """Return the sections above this article, outermost first (News, Middle East)."""
        above = sections_on_trail(self, SectionPage)
        if above is not None:
            return above
        return list(SectionPage.objects.ancestor_of(self).live().order_by("depth"))

    RELATED_CACHE_SECONDS = 600
    # How many of each topic's newest articles are ranked for an article's related list.
    RELATED_POOL = 200

    def related_articles(self, limit=4, topics=None, language_code=None):
        """Return the live articles sharing the most topics with this one, then its section's
        latest, as ``listings.Ref``s: known by id and date, read only for a teaser rendered anew.

        Ranked among each topic's newest articles (``RELATED_POOL``): a related story is a
        recent one, and a topic's newest are found once for every article on it
        (``_topic_pool``). The choice is cached for a few minutes per published version (and
        until a page turns private or public): a related list a few minutes old is still right.
        """
        version = self.last_published_at.timestamp() if self.last_published_at else 0
        pairs = privacy.remember_while_unchanged(
            f"nashra:related-dated:{self.pk}:{version}",
            lambda: self._related_pairs(
                limit,
                self.topics.all() if topics is None else topics,
                language_code or self.locale.language_code,
            ),
            self.RELATED_CACHE_SECONDS,
        )
        # Known by id and date until a teaser is rendered afresh: kept teasers read no article.
        dated = [(pk, _moment(timestamp)) for pk, timestamp in pairs]
        return listings.Refs(dated, self._related_pages).items

    @staticmethod
    def _related_pages(ids):
        """The related articles by id, of those still live and public, with their pictures."""
        articles = ArticlePage.objects.live().public().filter(pk__in=ids)
        return {article.pk: article for article in articles.select_related("hero_image")}

    def _related_pairs(self, limit, topics, language_code):
        """The related articles' ids and publication timestamps, best first."""
        pairs = self._sharing_most_topics([topic.pk for topic in topics], limit, language_code)
        if len(pairs) < limit:
            parent_path = self.path[: -self.steplen]
            latest = (
                ArticlePage.objects.live()
                .public()
                .filter(locale_id=self.locale_id, path__startswith=parent_path, depth=self.depth)
                .exclude(pk__in=[self.pk, *(pk for pk, _timestamp in pairs)])
                .latest()
                .values_list("pk", "published_at")[: limit - len(pairs)]
            )
            pairs += [(pk, _timestamp(moment)) for pk, moment in latest]
        return pairs

    def _sharing_most_topics(self, topic_ids, limit, language_code):
        """The ``limit`` articles of the topics' pools sharing most topics, newest first among
        equals (sharing a topic: being among its ``RELATED_POOL`` newest)."""
        shared, published = {}, {}
        for topic_id in topic_ids:
            for pk, timestamp in self._topic_pool(topic_id, language_code):
                if pk != self.pk:
                    shared[pk] = shared.get(pk, 0) + 1
                    published[pk] = timestamp
        ranked = sorted(shared, key=lambda pk: (shared[pk], published[pk], pk), reverse=True)
        return [(pk, published[pk]) for pk in ranked[:limit]]

    def _topic_pool(self, topic_id, language_code):
        """The newest live, public articles on a topic in this edition, as (id, timestamp).

        Kept like a listing's page (``nashra.caching.listings``): until an article joins or
        leaves the topic, or the edition changes, so a new story is among them at once. Ranking
        all of a topic's tens of thousands of articles for each article read cost more than
        the rest of a first render.
        """

        def find():
            newest = (
                ArticlePage.objects.live()
                .public()
                .filter(locale_id=self.locale_id, topics=topic_id)
                .latest()
                .values_list("pk", "published_at")[: self.RELATED_POOL]
            )
            return [(pk, _timestamp(moment)) for pk, moment in newest]

        return listings.ids(
            [tags.listing_tag("topic", topic_id)],
            language_code,
            f"related-pool:{topic_id}:{self.locale_id}:{self.RELATED_POOL}",
            find,
            seconds=self.RELATED_CACHE_SECONDS,
        )

    def original(self):
        """Return the live, public article this one was translated from, if any."""
        if self.translated_from_id is None:
            return None
        return (
            ArticlePage.objects.live()
            .public()
            .filter(translation_key=self.translation_key, locale_id=self.translated_from_id)
            .select_related("locale")
            .first()
        )

    FRAGMENT_SECONDS = 300  # relative dates ("5 minutes ago") in it age no more than this

    def _fragment_version(self, request):
        """How long, and under which version, the rendered article may be kept and reused.

        A purge of the article or its edition (any change that shows in it) changes the
        version; a preview of a draft is never kept.
        """
        if getattr(request, "is_preview", False):
            return 0, uuid.uuid4().hex
        # The fragment shows how long ago the article was published and updated: it and
        # the page holding it are kept no longer than that wording stays true.
        seconds = self.FRAGMENT_SECONDS
        for moment in (self.published_at, self.updated_at):
            tags.note_relative_date(request, moment)
        if tags.fresh_for(request) is not None:
            seconds = min(seconds, tags.fresh_for(request))
        # The edition from the address: the locale itself may not be loaded yet (a query).
        language_code = tags.edition_of_path(request.path_info) or self.locale.language_code
        return seconds, version_of([tags.article_tag(self.pk), tags.edition_tag(language_code)])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["original_article"] = self.original()
        labels = article_labels(self, request)
        context["article_topics"] = labels["topics"]
        context["article_sources"] = labels["sources"]
        context["article_authors"] = labels["authors"]
        language_code = tags.edition_of_path(request.path_info) or None
        related = self.related_articles(topics=labels["topics"], language_code=language_code)
        context["fragment_seconds"], context["fragment_version"] = self._fragment_version(request)
        context["related_seconds"], context["related_version"] = self._related_version(
            request, related
        )
        # One query for the renditions of every picture the page will render, however many
        # there are; none for a part taken whole from the fragment cache.
        pictures = []
        if not _fragment_cached("article", [self.pk, context["fragment_version"]]):
            pictures += [self.hero_image, *images_in(self.body)]
        if related and not _fragment_cached("related", [self.pk, context["related_version"]]):
            # Rendered afresh: the articles read in one query, those withdrawn since left out.
            related = [article for article in map(listings.Ref.resolve, related) if article]
            pictures += [article.hero_image for article in related]
        context["related_articles"] = related
        prefetch_renditions(pictures)
        return context

    def _related_version(self, request, related):
        """How long, and under which version, the related teasers may be kept and reused.

        Until one of them, or the edition, is purged, or a relative date in them ages. The
        page still carries each teaser's tag, as when they are rendered (``cache_tag``).
        """
        if getattr(request, "is_preview", False):
            return 0, uuid.uuid4().hex
        for article in related:
            tags.add(request, tags.article_tag(article.pk))
            tags.note_relative_date(request, article.published_at)
        seconds = self.FRAGMENT_SECONDS
        if tags.fresh_for(request) is not None:
            seconds = min(seconds, tags.fresh_for(request))
        language_code = tags.edition_of_path(request.path_info) or self.locale.language_code
        shown = [tags.article_tag(article.pk) for article in related]
        version = version_of([*shown, tags.edition_tag(language_code)])
        return seconds, f"{','.join(str(article.pk) for article in related)}:{version}"
