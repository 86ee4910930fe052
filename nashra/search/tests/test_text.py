import pytest

from nashra.search.text import normalize, terms


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("أحمد", "احمد"),
        ("إيران", "ايران"),
        ("آمنة", "امنه"),
        ("ٱلله", "الله"),
        ("مستشفى", "مستشفي"),
        ("مدرسة", "مدرسه"),
        ("مسؤول", "مسوول"),
        ("رئيس", "رييس"),
        ("مَدْرَسَةٌ", "مدرسه"),
        ("الحــــديدة", "الحديده"),
        ("٢٠٢٤", "2024"),
        ("۲۰۲۴", "2024"),
        ("ﻷ", "لا"),
        ("Café", "cafe"),
        ("YEMEN", "yemen"),
    ],
)
def test_every_spelling_folds_to_one(variant, plain):
    assert normalize(variant) == plain


@pytest.mark.parametrize(
    "forms",
    [
        ["مدرسة", "مدرسه", "المدرسة", "والمدرسة", "بالمدرسة", "مَدْرَسَةٌ"],
        ["الحديدة", "الحديده", "حديدة", "والحديدة", "الحــديدة"],
        ["اليمن", "يمني", "اليمنيون", "اليمنيين", "واليمن"],
        ["مستشفى", "مستشفي", "المستشفى", "المستشفيات"],
        ["talks", "talk", "talking", "talked"],
        ["ports", "port"],
    ],
)
def test_inflected_forms_share_a_stem(forms):
    stems = {tuple(terms(form)) for form in forms}
    assert len(stems) == 1, stems


def test_stop_words_are_not_terms():
    assert terms("the talks in Sanaa") == terms("talks Sanaa")
    assert terms("في اليمن") == terms("اليمن")
    assert terms("the of and") == []
