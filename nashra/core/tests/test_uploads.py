"""Uploads hold: image size, pixels and formats are limited; documents download, never render.

Every refusal is a form message, never a server error, and nothing is stored.
"""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from nashra.accounts.tests.factories import UserFactory

Image = get_image_model()
Document = get_document_model()


def png_bomb(width, height):
    """A valid 1-bit PNG of width × height blank pixels: a few hundred KB that would unpack
    into gigabytes.
    """

    def chunk(kind, data):
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def photo(size=(64, 48), kind="JPEG"):
    out = BytesIO()
    PILImage.new("RGB", size, (120, 60, 30)).save(out, kind)
    return out.getvalue()


@pytest.fixture
def admin(client, db):
    user = UserFactory(username="boss", superuser=True)
    client.force_login(user)
    return client


def upload(admin, name, content, content_type):
    url = reverse("wagtailimages:add")
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return admin.post(url, {"title": name, "file": file, "collection": 1})


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("bomb.png", png_bomb(30000, 30000), "image/png"),  # 900 megapixels
        ("huge.png", png_bomb(12000, 12000), "image/png"),  # 144 megapixels
    ],
)
def test_a_decompression_bomb_is_refused_with_a_message(admin, name, content, content_type):
    response = upload(admin, name, content, content_type)
    assert response.status_code == 200  # the form again, with its error
    assert "pixels" in response.content.decode().lower()
    assert not Image.objects.filter(title=name).exists()


def test_svg_is_not_an_image_format(admin):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload(admin, "logo.svg", svg, "image/svg+xml")
    assert response.status_code == 200
    assert not Image.objects.filter(title="logo.svg").exists()


def test_an_image_over_the_size_limit_is_refused(admin, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024
    response = upload(admin, "big.jpg", photo((1600, 1200)), "image/jpeg")
    assert response.status_code == 200
    assert not Image.objects.filter(title="big.jpg").exists()


def test_an_ordinary_photo_still_uploads(admin):
    response = upload(admin, "harbour.jpg", photo(), "image/jpeg")
    assert response.status_code == 302
    assert Image.objects.filter(title="harbour.jpg").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [("report.pdf", b"%PDF-1.4 minimal"), ("page.html", b"<script>alert(1)</script>")],
)
def test_documents_download_as_attachments_through_the_serve_view(client, name, content):
    document = Document.objects.create(title=name, file=SimpleUploadedFile(name, content))
    response = client.get(document.url)
    assert document.url.startswith("/documents/")  # the serve view, not /media/
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
