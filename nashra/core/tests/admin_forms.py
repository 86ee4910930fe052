"""Reading an admin edit form the way a browser would post it back."""

from bs4 import BeautifulSoup
from django.utils.datastructures import MultiValueDict

SKIPPED_INPUTS = {"submit", "button", "file", "image", "reset"}


def form_data(response):
    """Return what the edit form posts unchanged: hidden fields, values, checked boxes, choices."""
    assert response.status_code == 200, response.status_code
    form = BeautifulSoup(response.content, "html.parser").find(
        "form", attrs={"data-edit-form": True}
    )
    assert form is not None, "no edit form"
    data = MultiValueDict()
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled") or "__prefix__" in name:
            continue  # no name, disabled, or in the blank template of an inline panel
        if field.name == "textarea":
            # A browser drops the newline that Django writes after <textarea>.
            data.appendlist(name, field.get_text().removeprefix("\n"))
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [option for option in options if option.has_attr("selected")]
            if not chosen and options and not field.has_attr("multiple"):
                chosen = options[:1]
            for option in chosen:
                data.appendlist(name, option.get("value", option.get_text()))
        else:
            kind = field.get("type", "text").lower()
            if kind in SKIPPED_INPUTS:
                continue
            if kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    data.appendlist(name, field.get("value", "on"))
                continue
            data.appendlist(name, field.get("value", ""))
    return data


def post_data(data, **changes):
    """Return form data as a dict for the test client, with some fields changed."""
    posted = {name: data.getlist(name) for name in data}
    posted = {name: values[0] if len(values) == 1 else values for name, values in posted.items()}
    posted.update(changes)
    return posted
