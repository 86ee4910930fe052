"""What an import did, item by item, for the command's lines and summary table."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy
from wagtail.models import Page

from .wxr import Item, Site


class Outcome:
    CREATED = gettext_lazy("created")
    UPDATED = gettext_lazy("updated")
    SKIPPED = gettext_lazy("skipped")
    FAILED = gettext_lazy("failed")


@dataclass
class ItemResult:
    item: Item
    outcome: str
    message: str
    page: Page | None = None

    def __str__(self):
        title = self.item.title or "-"
        return f"{self.item.label} “{title}”: {self.outcome} ({self.message})"


@dataclass
class Report:
    site: Site
    edition: str
    dry_run: bool
    results: list[ItemResult] = field(default_factory=list)
    sections: Counter = field(default_factory=Counter)  # created / existing
    left_out: Counter = field(default_factory=Counter)  # post types and statuses not imported
    notes: Counter = field(default_factory=Counter)  # shortcodes, embeds, sticky posts…
    media_problems: list = field(default_factory=list)
    redirects: int = 0
    comments: int = 0
    pictures: int = 0

    @property
    def failed(self):
        return [result for result in self.results if result.outcome == Outcome.FAILED]

    def table(self):
        """Return rows (kind, created, updated, skipped, failed) for the summary."""
        rows = []
        for kind in ("post", "page"):
            counts = Counter(str(r.outcome) for r in self.results if r.item.type == kind)
            rows.append(
                (
                    kind,
                    counts[str(Outcome.CREATED)],
                    counts[str(Outcome.UPDATED)],
                    counts[str(Outcome.SKIPPED)],
                    counts[str(Outcome.FAILED)],
                )
            )
        return rows
