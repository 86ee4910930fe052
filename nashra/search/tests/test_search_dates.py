"""Search dates a reader can type but no calendar holds: a message, never a 500."""

import pytest


@pytest.mark.parametrize(
    "params",
    [
        {"until": "9999-12-31"},
        {"since": "0001-01-01"},
        {"since": "0001-01-01", "until": "9999-12-31"},
        {"since": "9999-12-31"},
        {"until": "0001-01-01"},
    ],
)
def test_dates_at_the_ends_of_the_calendar_get_a_message(client, news, params):
    response = client.get("/en/search/", {"q": "yemen", **params})
    assert response.status_code == 400
    assert "Enter a date in the years 1900 to 2999." in response.content.decode()


def test_dates_at_the_ends_of_the_calendar_get_a_message_in_arabic(client, ar_home):
    response = client.get("/ar/search/", {"q": "اليمن", "until": "9999-12-31"})
    assert response.status_code == 400


@pytest.mark.parametrize("params", [{"since": "1900-01-01"}, {"until": "2999-12-31"}])
def test_dates_at_the_ends_of_the_range_still_search(client, news, article_factory, params):
    article_factory(news, "Yemen ceasefire holds")
    response = client.get("/en/search/", {"q": "yemen", **params})
    assert response.status_code == 200
    assert "ceasefire holds" in response.content.decode()
