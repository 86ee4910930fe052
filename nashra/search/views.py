def search(request, home):
    """Placeholder until the search is built: an empty results page."""
    return home.render(
        request, context_overrides={"results": None}, template="search/search_page.html"
    )
