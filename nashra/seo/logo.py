"""Draw the square logo that structured data and social cards point to.

Run once after changing the design: .venv/bin/python -m nashra.seo.logo
"""

from pathlib import Path

from PIL import Image, ImageDraw

LOGO = "img/logo.png"  # under nashra/static/
LOGO_SIZE = 512
OUTPUT = Path(__file__).resolve().parent.parent / "static" / LOGO
BACKGROUND = (166, 29, 36)
INK = (255, 255, 255)


def draw_logo(size=LOGO_SIZE):
    """Return a white "N" of three strokes on the newsroom's red, drawn without a font."""
    logo = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(logo)
    unit = size / 16
    top, bottom = 4 * unit, 12 * unit
    left, right = 4 * unit, 12 * unit
    stroke = 2 * unit
    draw.rectangle([left, top, left + stroke, bottom], fill=INK)
    draw.rectangle([right - stroke, top, right, bottom], fill=INK)
    draw.polygon(
        [(left, top), (left + stroke, top), (right, bottom), (right - stroke, bottom)], fill=INK
    )
    draw.rectangle([left, 13 * unit, right, 13.5 * unit], fill=INK)  # the bulletin's rule
    return logo


if __name__ == "__main__":
    draw_logo().save(OUTPUT, optimize=True)
    print(OUTPUT)
