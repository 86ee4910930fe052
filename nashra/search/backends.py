"""The full-text index in each database: FTS5 on SQLite, a tsvector with GIN on PostgreSQL.

Both receive terms that `nashra.search.text` has already folded and stemmed, and a query made
of the same terms, so they agree on which articles match; only the scores differ in scale.
"""

from dataclasses import dataclass

from django.db import connection

from .models import SearchEntry


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
    def write(self, rows):
        """Index IndexedTerms rows; their SearchEntry rows are saved already."""

    def delete(self, page_ids):
        """Forget the pages' full-text rows (SearchEntry rows go by themselves)."""

    def clear(self):
        """Forget every full-text row."""

    def drop_orphans(self):
        """Forget full-text rows that have no SearchEntry any more."""

    def search(self, query, filters, order, offset, limit):
        """Return the page ids of one page of results, best first."""
        raise NotImplementedError

    def count(self, query, filters):
        raise NotImplementedError

    # Filter tokens share the index with the words on PostgreSQL, so they carry a prefix no
    # reader's term can have (query.parse drops terms that look like them).
    FILTER_PREFIX = ""

    def filter_tokens(self, entry):
        """Return the tokens filters look for: the edition, the type of work, every section."""
        steplen = 4
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
    def _filter_sql(filters, with_columns=True):
        clauses, params = ["TRUE"], []
        if with_columns:
            clauses.append("e.locale_id = %s")
            params.append(filters["locale_id"])
            if filters.get("path"):
                clauses.append("e.path LIKE %s")
                params.append(filters["path"] + "%")
            if filters.get("type_of_work"):
                clauses.append("e.type_of_work = %s")
                params.append(filters["type_of_work"])
        if filters.get("since"):
            clauses.append("e.published_at >= %s")
            params.append(connection.ops.adapt_datetimefield_value(filters["since"]))
        if filters.get("until"):
            clauses.append("e.published_at < %s")
            params.append(connection.ops.adapt_datetimefield_value(filters["until"]))
        return " AND ".join(clauses), params

    def _run(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class SQLiteBackend(SearchBackend):
    # bm25 weights in the FTS5 column order: title, lead, tags, body, filters.
    RANK = "bm25(search_fts, 10.0, 4.0, 4.0, 1.0, 0.0)"
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

    def _match(self, query, filters):
        wanted = " AND ".join(f'"{token}"' for token in self.wanted_tokens(filters))
        return f"filters : ({wanted}) AND {{title lead tags body}} : ({query.as_fts5()})"

    def _from(self, query, filters, join):
        dates, params = self._filter_sql(filters, with_columns=False)
        sql = f"FROM search_fts {self.JOIN if join else ''} WHERE search_fts MATCH %s AND {dates}"
        return sql, [self._match(query, filters), *params]

    @staticmethod
    def _dated(filters):
        return bool(filters.get("since") or filters.get("until"))

    def search(self, query, filters, order, offset, limit):
        if order == "newest":
            sql, params = self._from(query, filters, join=True)
            ordering = "e.published_at DESC, e.page_id DESC"
        else:
            sql, params = self._from(query, filters, join=self._dated(filters))
            ordering = f"{self.RANK}, search_fts.rowid DESC"
        rows = self._run(
            f"SELECT search_fts.rowid {sql} ORDER BY {ordering} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in rows]

    def count(self, query, filters):
        sql, params = self._from(query, filters, join=self._dated(filters))
        return self._run(f"SELECT count(*) {sql}", params)[0][0]


class PostgresBackend(SearchBackend):
    # Ranked on the headline vector (title A, lead and topics B); ties newest page first.
    RANK = "ts_rank(e.headline, q)"
    FILTER_PREFIX = "zz"
    VECTORS = (
        "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
        " || setweight(to_tsvector('simple', %s), 'B')"
    )

    def write(self, rows):
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE search_searchentry SET headline = {self.VECTORS}, "  # noqa: S608 — constants
                f"document = {self.VECTORS} || setweight(to_tsvector('simple', %s), 'D') "
                "|| to_tsvector('simple', %s) WHERE page_id = %s",
                [
                    (
                        row.title,
                        row.tags,
                        row.lead,
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

    def _from(self, query, filters):
        # Edition, type and section are tokens in the document, so the GIN index answers the
        # whole match; only a date range is left to the row.
        dates, params = self._filter_sql(filters, with_columns=False)
        wanted = " & ".join(self.wanted_tokens(filters))
        sql = (
            "FROM search_searchentry e, to_tsquery('simple', %s) q "
            f"WHERE e.document @@ q AND {dates}"
        )
        return sql, [f"{wanted} & ({query.as_tsquery()})", *params]

    def search(self, query, filters, order, offset, limit):
        sql, params = self._from(query, filters)
        if order == "newest":
            ordering = "e.published_at DESC NULLS LAST, e.page_id DESC"
        else:
            ordering = f"{self.RANK} DESC, e.page_id DESC"
        rows = self._run(
            f"SELECT e.page_id {sql} ORDER BY {ordering} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in rows]

    def count(self, query, filters):
        sql, params = self._from(query, filters)
        return self._run(f"SELECT count(*) {sql}", params)[0][0]


def get_backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(
        f"Nashra's search supports SQLite and PostgreSQL, not {connection.vendor}."
    )
