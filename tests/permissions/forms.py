"""Admin forms posted back as a browser would: a forged request differs only where it means to."""

from bs4 import BeautifulSoup
from django.utils.datastructures import MultiValueDict

SKIPPED_INPUTS = {"submit", "button", "file", "image", "reset"}


def form_fields(response):
    """Return what the page's edit form posts unchanged: hidden fields, values, choices."""
    assert response.status_code == 200, (response.status_code, response.request["PATH_INFO"])
    html = BeautifulSoup(response.content, "html.parser")
    form = html.find("form", attrs={"data-edit-form": True}) or html.find("form", method="post")
    assert form is not None, f"no form at {response.request['PATH_INFO']}"
    data = MultiValueDict()
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled") or "__prefix__" in name:
            continue
        if field.name == "textarea":
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


def with_values(form, **values):
    """Return the form's data with some fields set (a list sets a multiple choice)."""
    data = form.copy()
    for name, value in values.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data
