from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One live article as the site search sees it: what results are filtered and sorted by.

    The row is kept narrow on purpose: a common word matches half the archive, and counting or
    date-sorting that many rows must not drag article text through memory. The terms live in
    each database's full-text index (an FTS5 table on SQLite; tsvector columns with a GIN index
    on PostgreSQL, added to this table by migration 0002). Rows exist only for live articles.
    """

    page = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=255, db_index=True)
    type_of_work = models.CharField(max_length=20)
    published_at = models.DateTimeField(null=True, db_index=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [models.Index(fields=["locale", "published_at"], name="search_locale_published")]

    def __str__(self):
        return str(self.page_id)


class IndexVersion(models.Model):
    """Which rules made the terms in the index (`text.rules_version()`), in its one row.

    Terms made by other rules do not meet a query's: after an upgrade that changes folding,
    stemming or the place list, ``migrate`` indexes everything again (`indexing.ensure_current`).
    """

    version = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("search index version")
        verbose_name_plural = _("search index versions")

    def __str__(self):
        return self.version
