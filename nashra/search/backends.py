"""The full-text index in each database: FTS5 on SQLite, a tsvector with GIN on PostgreSQL.

Both receive terms that `nashra.search.text` has already folded and stemmed, and a query made
of the same terms, so they agree on which articles match; only the scores differ in scale.
"""

from django.db import connection


class SearchBackend:
    def write(self, rows):
        """Index rows of (page_id, title, lead, tags, body) terms; SearchEntry is saved already."""

    def delete(self, page_ids):
        """Forget the pages' full-text rows (SearchEntry rows go by themselves)."""

    def clear(self):
        """Forget every full-text row."""

    def search(self, query, filters, order, offset, limit):
        """Return the page ids of one page of results, best first."""
        raise NotImplementedError

    def count(self, query, filters):
        raise NotImplementedError

    @staticmethod
    def _filter_sql(filters):
        clauses, params = ["e.locale_id = %s"], [filters["locale_id"]]
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
    # bm25 weights in the FTS5 column order: title, lead, tags, body.
    RANK = "bm25(search_fts, 10.0, 4.0, 4.0, 1.0)"

    def write(self, rows):
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(r[0],) for r in rows])
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, lead, tags, body) "
                "VALUES (%s, %s, %s, %s, %s)",
                rows,
            )

    def delete(self, page_ids):
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in page_ids])

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def _from(self, query, filters):
        where, params = self._filter_sql(filters)
        sql = (
            "FROM search_fts JOIN search_searchentry e ON e.page_id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {where}"
        )
        return sql, [query.as_fts5(), *params]

    def search(self, query, filters, order, offset, limit):
        sql, params = self._from(query, filters)
        if order == "newest":
            ordering = "e.published_at DESC, e.page_id DESC"
        else:
            ordering = f"{self.RANK}, e.published_at DESC, e.page_id DESC"
        rows = self._run(
            f"SELECT e.page_id {sql} ORDER BY {ordering} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in rows]

    def count(self, query, filters):
        sql, params = self._from(query, filters)
        return self._run(f"SELECT count(*) {sql}", params)[0][0]


class PostgresBackend(SearchBackend):
    # Weights D, C, B, A: body 0.1, lead and tags 0.4, title 1; normalized by document length.
    RANK = "ts_rank(e.document, q, 1)"

    def _from(self, query, filters):
        where, params = self._filter_sql(filters)
        sql = (
            "FROM search_searchentry e, to_tsquery('simple', %s) q "
            f"WHERE e.document @@ q AND {where}"
        )
        return sql, [query.as_tsquery(), *params]

    def search(self, query, filters, order, offset, limit):
        sql, params = self._from(query, filters)
        if order == "newest":
            ordering = "e.published_at DESC NULLS LAST, e.page_id DESC"
        else:
            ordering = f"{self.RANK} DESC, e.published_at DESC NULLS LAST, e.page_id DESC"
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
