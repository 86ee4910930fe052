"""Feed routes: mixed into HomePage (edition, topic and author feeds) and SectionPage."""


class EditionFeedsMixin:
    pass


class SectionFeedsMixin:
    pass
