"""The full-text index in each database: FTS5 on SQLite, tsvectors with GIN on PostgreSQL.

Both receive terms that `nashra.search.text` has already folded and stemmed, and a query made
of the same terms, so they agree on which articles match. Both order results the same way, a
newsroom's way:

1. articles whose headline, lead or topics match, most relevant first (bm25 on SQLite,
   ts_rank on PostgreSQL — the scores differ in scale, not in what they reward);
2. then articles that match only in their body, newest first.

Ranking only the first tier keeps a word that half the archive mentions fast: its body-only
matches are sorted by date, which an index answers, instead of being scored one by one.
"""

from dataclasses import dataclass

from django.db import connection
from wagtail.models import Page

from .models import SearchEntry

# Matches counted at most (a reader sees "more than 1,000"); 50 pages of 20.
COUNT_LIMIT = 1000


@dataclass
class IndexedTerms:
    """An article's terms, by where they were found, ready for the full-text index."""

    page_id: int
    title: str
    lead: str
    tags: str
    body: str
    entry: SearchEntry


class SearchBackend:
    # Filter tokens share the index with the words on PostgreSQL, so they carry a prefix no
    # reader's term can have (query.parse drops terms that look like them).
    FILTER_PREFIX = ""

    def write(self, rows):
        """Index IndexedTerms rows; their SearchEntry rows are saved already."""

    def delete(self, page_ids):
        """Forget the pages' full-text rows (SearchEntry rows go by themselves)."""

    def clear(self):
        """Forget every full-text row."""

    def drop_orphans(self):
        """Forget full-text rows that have no SearchEntry any more."""

    def optimize(self):
        """Make the index compact again after it was rebuilt (every row deleted and written)."""

    def counts(self, query, filters):
        """Return (matching articles, of which matching in headline, lead or topics).

        Each stops counting past COUNT_LIMIT: a reader pages through a thousand results at
        most, and counting the other forty thousand matches of a common word costs more than
        finding the first page.
        """
        raise NotImplementedError

    def headline_page(self, query, filters, offset, limit):
        """Return ids of headline matches, most relevant first."""
        raise NotImplementedError

    def body_page(self, query, filters, offset, limit):
        """Return ids of articles matching only in their body, newest first."""
        raise NotImplementedError

    def newest_page(self, query, filters, offset, limit):
        """Return ids of all matches, newest first."""
        raise NotImplementedError

    def search(self, query, filters, order, offset, limit, headline_count):
        """Return the page ids of one page of results, in the order described above."""
        if order == "newest":
            return self.newest_page(query, filters, offset, limit)
        ids = []
        if offset < headline_count:
            ids = self.headline_page(query, filters, offset, min(limit, headline_count - offset))
        if len(ids) < limit:
            ids += self.body_page(query, filters, max(0, offset - headline_count), limit - len(ids))
        return ids

    def filter_tokens(self, entry):
        """Return the tokens filters look for: the edition, the type of work, every section."""
        steplen = Page.steplen  # the tree's path step; sections start below the edition root
        sections = (entry.path[:end] for end in range(steplen * 2, len(entry.path), steplen))
        tokens = [f"l{entry.locale_id}", "t" + entry.type_of_work.replace("_", "")]
        tokens += [f"p{path}" for path in sections]
        return " ".join(self.FILTER_PREFIX + token for token in tokens)

    def wanted_tokens(self, filters):
        tokens = [f"l{filters['locale_id']}"]
        if filters.get("type_of_work"):
            tokens.append("t" + filters["type_of_work"].replace("_", ""))
        if filters.get("path"):
            tokens.append(f"p{filters['path']}")
        return [self.FILTER_PREFIX + token for token in tokens]

    @staticmethod
    def _dates(filters):
        """Return SQL and parameters for the date range (the one filter not in the index)."""
        clauses, params = ["TRUE"], []
        if filters.get("since"):
            clauses.append("e.published_at >= %s")
            params.append(connection.ops.adapt_datetimefield_value(filters["since"]))
        if filters.get("until"):
            clauses.append("e.published_at < %s")
            params.append(connection.ops.adapt_datetimefield_value(filters["until"]))
        return " AND ".join(clauses), params

    @staticmethod
    def _dated(filters):
        return bool(filters.get("since") or filters.get("until"))

    @staticmethod
    def _ids(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def _row(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()


class SQLiteBackend(SearchBackend):
    HEADLINE = "{title lead tags}"
    EVERYWHERE = "{title lead tags body}"
    # bm25 weights in the FTS5 column order: title, lead, tags, body, filters.
    RANK = "bm25(search_fts, 10.0, 4.0, 4.0, 0.0, 0.0)"
    JOIN = "CROSS JOIN search_searchentry e ON e.page_id = search_fts.rowid"  # FTS5 first

    def write(self, rows):
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM search_fts WHERE rowid = %s", [(row.page_id,) for row in rows]
            )
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, lead, tags, body, filters) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        row.page_id,
                        row.title,
                        row.lead,
                        row.tags,
                        row.body,
                        self.filter_tokens(row.entry),
                    )
                    for row in rows
                ],
            )

    def delete(self, page_ids):
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in page_ids])

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def drop_orphans(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_fts WHERE rowid NOT IN (SELECT page_id FROM search_searchentry)"
            )

    def optimize(self):
        # A rebuild leaves FTS5 the deleted rows' markers and many small segments: at 100,000
        # articles, queries after two rebuilds took 2.5 times as long until merged (seconds).
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")

    def _match(self, query, filters, where):
        wanted = " AND ".join(f'"{token}"' for token in self.wanted_tokens(filters))
        terms = query.as_fts5()
        if where == "body only":
            found = f"({self.EVERYWHERE} : ({terms}) NOT {self.HEADLINE} : ({terms}))"
        else:
            found = f"{where} : ({terms})"
        return f"filters : ({wanted}) AND {found}"

    def _from(self, query, filters, where, join=False):
        dates, params = self._dates(filters)
        joined = self.JOIN if join or self._dated(filters) else ""
        sql = f"FROM search_fts {joined} WHERE search_fts MATCH %s AND {dates}"
        return sql, [self._match(query, filters, where), *params]

    def counts(self, query, filters):
        every_sql, every_params = self._from(query, filters, self.EVERYWHERE)
        head_sql, head_params = self._from(query, filters, self.HEADLINE)
        return self._row(
            f"SELECT (SELECT count(*) FROM (SELECT 1 {every_sql} LIMIT %s) AS every), "  # noqa: S608
            f"(SELECT count(*) FROM (SELECT 1 {head_sql} LIMIT %s) AS head)",
            [*every_params, COUNT_LIMIT + 1, *head_params, COUNT_LIMIT + 1],
        )

    def headline_page(self, query, filters, offset, limit):
        sql, params = self._from(query, filters, self.HEADLINE)
        return self._ids(
            f"SELECT search_fts.rowid {sql} ORDER BY {self.RANK}, search_fts.rowid DESC "
            "LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )

    def body_page(self, query, filters, offset, limit):
        return self._newest(query, filters, "body only", offset, limit)

    def newest_page(self, query, filters, offset, limit):
        return self._newest(query, filters, self.EVERYWHERE, offset, limit)

    def _newest(self, query, filters, where, offset, limit):
        sql, params = self._from(query, filters, where, join=True)
        return self._ids(
            f"SELECT e.page_id {sql} ORDER BY e.published_at DESC, e.page_id DESC "
            "LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )


class PostgresBackend(SearchBackend):
    FILTER_PREFIX = "zz"
    # title A, topics and lead B: the headline vector; the document adds the body (D).
    VECTORS = (
        "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
        " || setweight(to_tsvector('simple', %s), 'B')"
    )

    def write(self, rows):
        with connection.cursor() as cursor:
            cursor.executemany(
                # Filter tokens go in both vectors, so the GIN index of each answers alone.
                f"UPDATE search_searchentry SET headline = {self.VECTORS} "  # noqa: S608 — constants
                "|| to_tsvector('simple', %s), "
                f"document = {self.VECTORS} || setweight(to_tsvector('simple', %s), 'D') "
                "|| to_tsvector('simple', %s) WHERE page_id = %s",
                [
                    (
                        row.title,
                        row.tags,
                        row.lead,
                        self.filter_tokens(row.entry),
                        row.title,
                        row.tags,
                        row.lead,
                        row.body,
                        self.filter_tokens(row.entry),
                        row.page_id,
                    )
                    for row in rows
                ],
            )

    def _tsquery(self, query, filters):
        return " & ".join(self.wanted_tokens(filters)) + f" & ({query.as_tsquery()})"

    def _from(self, query, filters, condition):
        dates, params = self._dates(filters)
        sql = f"FROM search_searchentry e, to_tsquery('simple', %s) q WHERE {condition} AND {dates}"
        return sql, [self._tsquery(query, filters), *params]

    def counts(self, query, filters):
        every_sql, every_params = self._from(query, filters, "e.document @@ q")
        head_sql, head_params = self._from(query, filters, "e.headline @@ q")
        return self._row(
            f"SELECT (SELECT count(*) FROM (SELECT 1 {every_sql} LIMIT %s) AS every), "  # noqa: S608
            f"(SELECT count(*) FROM (SELECT 1 {head_sql} LIMIT %s) AS head)",
            [*every_params, COUNT_LIMIT + 1, *head_params, COUNT_LIMIT + 1],
        )

    def headline_page(self, query, filters, offset, limit):
        sql, params = self._from(query, filters, "e.headline @@ q")
        # Scored on the reader's words only, not on the filter tokens every match shares.
        return self._ids(
            f"SELECT e.page_id {sql} "
            "ORDER BY ts_rank(e.headline, to_tsquery('simple', %s)) DESC, e.page_id DESC "
            "LIMIT %s OFFSET %s",
            [*params, query.as_tsquery(), limit, offset],
        )

    def body_page(self, query, filters, offset, limit):
        return self._newest(
            query, filters, "e.document @@ q AND NOT e.headline @@ q", offset, limit
        )

    def newest_page(self, query, filters, offset, limit):
        return self._newest(query, filters, "e.document @@ q", offset, limit)

    def _newest(self, query, filters, condition, offset, limit):
        sql, params = self._from(query, filters, condition)
        return self._ids(
            f"SELECT e.page_id {sql} ORDER BY e.published_at DESC NULLS LAST, e.page_id DESC "
            "LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )


def get_backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(
        f"Nashra's search supports SQLite and PostgreSQL, not {connection.vendor}."
    )
