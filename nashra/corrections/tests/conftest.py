import pytest

from .factories import CorrectionsPageFactory


@pytest.fixture
def corrections_page(en_home):
    return CorrectionsPageFactory(parent=en_home)
