import json
import socket
from types import SimpleNamespace

import pytest
from PIL import Image as PILImage

from .wordpress_site import build_wordpress_export


@pytest.fixture
def editions(en_home, ar_home, news, middle_east, ar_news, ar_middle_east):
    """Return both editions, each with a section "news" holding a section "middle-east"."""
    return SimpleNamespace(
        en=en_home.locale,
        ar=ar_home.locale,
        en_home=en_home,
        ar_home=ar_home,
        en_news=news,
        en_middle_east=middle_east,
        ar_news=ar_news,
        ar_middle_east=ar_middle_east,
    )


@pytest.fixture
def write_ninjs(tmp_path):
    """Return a function writing a document (dict, or raw text) as a file under tmp_path."""

    def write(name, document):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def write_picture(tmp_path):
    """Return a function writing a small JPEG under tmp_path."""

    def write(name, colour="red"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        PILImage.new("RGB", (40, 30), colour).save(path, "JPEG")
        return path

    return write


@pytest.fixture
def no_network(monkeypatch):
    """Make any attempt to open a network connection fail the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the importer tried to use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture(scope="session")
def wordpress_export(tmp_path_factory):
    """Return a real WordPress site's WXR export, its uploads folder and manifest (built once).

    Debian's wordpress, PHP and MariaDB are installed by scripts/ensure-wordpress if missing.
    """
    return build_wordpress_export(tmp_path_factory.mktemp("wordpress"))


@pytest.fixture(scope="session")
def wordpress_arabic_export(tmp_path_factory):
    """Return the export of an Arabic-only WordPress site, like wordpress_export (built once)."""
    return build_wordpress_export(tmp_path_factory.mktemp("wordpress-arabic"), site="arabic")
