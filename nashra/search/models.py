from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One live article as the site search sees it: its filters and its stemmed terms.

    The terms columns hold the output of `nashra.search.text.term_string`; the full-text index
    over them lives beside this table (an FTS5 table on SQLite, a generated tsvector column with
    a GIN index on PostgreSQL; see migration 0001). Rows exist only for live articles.
    """

    page = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=255, db_index=True)
    type_of_work = models.CharField(max_length=20)
    published_at = models.DateTimeField(null=True, db_index=True)
    title_terms = models.TextField(default="")
    lead_terms = models.TextField(default="")
    tag_terms = models.TextField(default="")
    body_terms = models.TextField(default="")

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [models.Index(fields=["locale", "published_at"], name="search_locale_published")]

    def __str__(self):
        return str(self.page_id)
