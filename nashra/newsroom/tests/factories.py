"""Newsroom members (a role's group and the desks' groups) and the article form's data."""

from nashra.accounts.tests.factories import UserFactory


def make_member(username, role, *groups):
    """A member of the newsroom: the role's group (by name) and, say, a section's groups."""
    return UserFactory(username=username, password="pw", groups=[role, *groups])


def article_data(title, slug, source, **extra):
    """What the admin's article form posts for a new article."""
    return {
        "title": title,
        "slug": slug,
        "type_of_work": "news",
        "lead": f"The lead of {title}.",
        "body-count": "0",
        "sources": [source.pk],
        **extra,
    }
