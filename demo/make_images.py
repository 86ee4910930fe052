#!/usr/bin/env python3
"""Generate the demo illustrations in demo/images/ (1200x800 JPEG).

Abstract editorial artwork only: gradients, horizons, skylines and geometric
shapes, with no text and no people. Every picture is drawn from a random
generator seeded with its own name, so running the script again gives the
same pictures. The images are released under CC0 by the project.

    .venv/bin/python demo/make_images.py            # write all images
    .venv/bin/python demo/make_images.py NAME ...   # write only these
"""

import math
import random
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

W, H = 1200, 800
QUALITY = 70
OUT = Path(__file__).resolve().parent / "images"

# Palettes: sky top, sky bottom, and accent colours.
PALETTES = {
    "dawn": ["#2b3a67", "#f4a261", "#e76f51", "#264653", "#f6d6ad"],
    "dusk": ["#1d1a39", "#e8836b", "#f2c14e", "#3e2f5b", "#7d5a7a"],
    "noon": ["#4d8fcb", "#cfe8f3", "#e9c46a", "#2a6f97", "#f1faee"],
    "sand": ["#c97b4a", "#f5deb3", "#a0522d", "#6b3e26", "#fff1d6"],
    "sea": ["#0b3954", "#8ecae6", "#219ebc", "#023047", "#ffb703"],
    "night": ["#0b132b", "#3a506b", "#5bc0be", "#1c2541", "#f4d35e"],
    "green": ["#3a5a40", "#dad7cd", "#588157", "#344e41", "#a3b18a"],
    "rose": ["#6d2e46", "#f6c6c8", "#d5577b", "#a26769", "#ece2d0"],
    "earth": ["#5e3023", "#e6ccb2", "#9c6644", "#7f5539", "#ddb892"],
    "mist": ["#5c6b73", "#e0fbfc", "#9db4c0", "#253237", "#c2dfe3"],
    "heat": ["#9d0208", "#ffba08", "#dc2f02", "#6a040f", "#faa307"],
    "teal": ["#004e64", "#9fffcb", "#25a18e", "#00a5cf", "#7ae582"],
    "plum": ["#22223b", "#c9ada7", "#9a8c98", "#4a4e69", "#f2e9e4"],
    "ochre": ["#463f1a", "#f0e2a3", "#c9a227", "#8a6d1d", "#fefae0"],
}


def rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def mix(a, b, t):
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def shade(colour, factor):
    """Darken (factor < 1) or lighten (factor > 1) a colour."""
    if factor <= 1:
        return mix((0, 0, 0), colour, factor)
    return mix(colour, (255, 255, 255), factor - 1)


def vertical_gradient(top, bottom, height=H, width=W, curve=1.0):
    column = Image.new("RGB", (1, height))
    for y in range(height):
        column.putpixel((0, y), mix(top, bottom, (y / (height - 1)) ** curve))
    return column.resize((width, height))


def radial_glow(img, centre, radius, colour, strength=0.6):
    """Lighten the picture around a point, as a low sun or a lamp would."""
    mask = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(mask)
    steps = 24
    for i in range(steps, 0, -1):
        r = radius * i / steps
        level = round(255 * strength * (1 - i / steps) ** 1.6)
        d.ellipse([centre[0] - r, centre[1] - r, centre[0] + r, centre[1] + r], fill=level)
    mask = mask.filter(ImageFilter.GaussianBlur(radius / 10))
    return Image.composite(Image.new("RGB", img.size, colour), img, mask)


def overlay(img, draw_fn, blur=0, opacity=255):
    """Draw shapes on a transparent layer and paste it onto the picture."""
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw_fn(ImageDraw.Draw(layer))
    if blur:
        layer = layer.filter(ImageFilter.GaussianBlur(blur))
    if opacity < 255:
        alpha = layer.getchannel("A").point(lambda a: a * opacity // 255)
        layer.putalpha(alpha)
    base = img.convert("RGBA")
    base.alpha_composite(layer)
    return base.convert("RGB")


# --- scene painters -------------------------------------------------------


def sky(rnd, pal, horizon=0.62, sun=True):
    top, bottom = rgb(pal[0]), rgb(pal[1])
    img = vertical_gradient(top, bottom, curve=rnd.uniform(0.8, 1.4))
    if sun:
        cx = rnd.randint(250, 950)
        cy = int(H * horizon) - rnd.randint(60, 220)
        img = radial_glow(img, (cx, cy), rnd.randint(260, 420), shade(rgb(pal[4]), 1.1), 0.55)
        r = rnd.randint(40, 75)
        img = overlay(
            img, lambda d: d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rgb(pal[4]) + (235,))
        )
    return img


def skyline(rnd, pal, style="city"):
    horizon = rnd.uniform(0.62, 0.72)
    img = sky(rnd, pal, horizon)
    base_y = int(H * horizon)
    far, near = mix(rgb(pal[3]), rgb(pal[1]), 0.45), rgb(pal[3])

    def layer(colour, y0, h_range, w_range, tower_houses, lit):
        def fn(d):
            x = -20
            while x < W:
                w = rnd.randint(*w_range)
                h = rnd.randint(*h_range)
                top = y0 - h
                kind = rnd.random()
                d.rectangle([x, top, x + w, H], fill=colour + (255,))
                if tower_houses:
                    # crenellated roof line and bands of white trim
                    for cx in range(x, x + w, 14):
                        d.rectangle([cx, top - 8, cx + 7, top], fill=colour + (255,))
                    trim = rgb(pal[4]) + (150,)
                    for band in range(top + 30, y0, rnd.randint(38, 52)):
                        d.rectangle([x + 3, band, x + w - 3, band + 3], fill=trim)
                        for wx in range(x + 10, x + w - 14, 22):
                            d.ellipse([wx, band - 18, wx + 10, band - 6], fill=trim)
                elif kind < 0.18:
                    # dome on a drum
                    r = w // 2 - 2
                    d.ellipse([x + 2, top - r, x + w - 2, top + r], fill=colour + (255,))
                elif kind < 0.28:
                    # minaret
                    mx = x + w // 2
                    d.rectangle([mx - 6, top - 130, mx + 6, top], fill=colour + (255,))
                    d.polygon(
                        [(mx - 9, top - 130), (mx + 9, top - 130), (mx, top - 160)],
                        fill=colour + (255,),
                    )
                if lit:
                    glow = rgb(pal[4]) + (200,)
                    for wy in range(top + 14, y0 - 10, 26):
                        for wx in range(x + 8, x + w - 10, 18):
                            if rnd.random() < 0.33:
                                d.rectangle([wx, wy, wx + 6, wy + 9], fill=glow)
                x += w + rnd.randint(0, 12)

        return fn

    img = overlay(img, layer(far, base_y - 30, (40, 170), (50, 120), False, False), opacity=200)
    img = overlay(
        img,
        layer(
            near,
            base_y + 20,
            (60, 260) if style != "old" else (120, 300),
            (60, 140),
            style == "old",
            style == "night",
        ),
    )
    ground = rgb(pal[3])
    img = overlay(
        img, lambda d: d.rectangle([0, base_y + 20, W, H], fill=shade(ground, 0.7) + (255,))
    )
    return img


def sea(rnd, pal, boats=True, cranes=False):
    horizon = rnd.uniform(0.52, 0.62)
    img = sky(rnd, pal, horizon)
    hy = int(H * horizon)
    water = vertical_gradient(rgb(pal[2]), rgb(pal[3]), H - hy)
    img.paste(water, (0, hy))

    def glints(d):
        for _ in range(140):
            y = rnd.randint(hy + 4, H)
            x = rnd.gauss(W / 2, 260)
            length = rnd.randint(20, 90) * (y - hy) / (H - hy) + 8
            d.line([(x, y), (x + length, y)], fill=rgb(pal[4]) + (rnd.randint(50, 140),), width=2)

    img = overlay(img, glints, blur=1)
    if cranes:

        def fn(d):
            c = shade(rgb(pal[3]), 0.5) + (255,)
            d.rectangle([0, hy - 40, W, hy + 30], fill=c)
            for i in range(rnd.randint(3, 5)):
                x = 80 + i * rnd.randint(200, 260)
                h = rnd.randint(180, 260)
                d.rectangle([x, hy - 40 - h, x + 14, hy - 40], fill=c)
                d.rectangle([x + 40, hy - 40 - h, x + 54, hy - 40], fill=c)
                d.rectangle([x - 60, hy - 40 - h - 16, x + 170, hy - 40 - h], fill=c)
                for k in range(0, h, 30):
                    d.line([(x, hy - 40 - k), (x + 54, hy - 70 - k)], fill=c, width=3)
            # stacked containers
            for _ in range(26):
                cx = rnd.randint(0, W - 80)
                cw = rnd.choice([60, 90])
                level = rnd.randint(1, 3)
                col = rgb(rnd.choice(pal[2:])) + (255,)
                d.rectangle(
                    [cx, hy - 40 - 22 * level, cx + cw, hy - 40 - 22 * (level - 1) - 2], fill=col
                )

        img = overlay(img, fn)
    if boats:

        def ships(d):
            for _ in range(rnd.randint(1, 3)):
                x = rnd.randint(60, W - 360)
                y = hy + rnd.randint(6, 40)
                length = rnd.randint(180, 320)
                c = shade(rgb(pal[3]), 0.55) + (255,)
                d.polygon(
                    [(x, y), (x + length, y), (x + length - 20, y + 22), (x + 16, y + 22)], fill=c
                )
                d.rectangle([x + length - 60, y - 34, x + length - 24, y], fill=c)
                for k in range(int((length - 90) / 30)):
                    col = rgb(pal[2 + k % 3]) + (255,)
                    d.rectangle([x + 20 + k * 30, y - 16, x + 46 + k * 30, y - 1], fill=col)

        img = overlay(img, ships)
    return img


def hills(rnd, pal, terraces=False, mist=False):
    img = sky(rnd, pal, 0.45, sun=rnd.random() < 0.7)
    layers = rnd.randint(4, 6)
    for i in range(layers):
        t = (i + 1) / layers
        colour = mix(mix(rgb(pal[1]), rgb(pal[2]), 0.5), rgb(pal[3]), t)
        base = H * (0.38 + 0.11 * i)
        amp = rnd.uniform(40, 110)
        f1, f2 = rnd.uniform(0.002, 0.006), rnd.uniform(0.008, 0.016)
        p1, p2 = rnd.uniform(0, 6), rnd.uniform(0, 6)

        def ridge(x, base=base, amp=amp, f1=f1, f2=f2, p1=p1, p2=p2):
            return base - amp * math.sin(x * f1 + p1) - amp * 0.35 * math.sin(x * f2 + p2)

        def fn(d, colour=colour, ridge=ridge, i=i):
            pts = [(x, ridge(x)) for x in range(0, W + 10, 10)]
            d.polygon(pts + [(W, H), (0, H)], fill=colour + (255,))
            if terraces and i >= 1:
                line = shade(colour, 1.25) + (150,)
                for k in range(1, 14):
                    off = k * (11 + i * 2)
                    d.line([(x, ridge(x) + off) for x in range(0, W + 10, 10)], fill=line, width=2)

        img = overlay(img, fn)
        if mist and i < layers - 1:
            img = overlay(
                img,
                lambda d, b=base: d.rectangle([0, b - 40, W, b + 90], fill=rgb(pal[4]) + (70,)),
                blur=30,
            )
    return img


def dunes(rnd, pal):
    img = sky(rnd, pal, 0.5)
    for i in range(5):
        colour = mix(rgb(pal[1]), rgb(pal[3]), (i + 1) / 6)
        base = H * (0.48 + 0.1 * i)
        amp, f, p = rnd.uniform(30, 70), rnd.uniform(0.003, 0.007), rnd.uniform(0, 6)

        def fn(d, colour=colour, base=base, amp=amp, f=f, p=p):
            pts = [(x, base - amp * math.sin(x * f + p) ** 2) for x in range(0, W + 10, 8)]
            d.polygon(pts + [(W, H), (0, H)], fill=colour + (255,))
            d.line(pts, fill=shade(colour, 1.2) + (160,), width=3)

        img = overlay(img, fn)
    return img


def pipeline(rnd, pal):
    img = dunes(rnd, pal)

    def fn(d):
        c = shade(rgb(pal[3]), 0.5) + (255,)
        y = int(H * 0.74)
        d.rectangle([0, y, W, y + 18], fill=c)
        d.line([(0, y + 4), (W, y + 4)], fill=shade(rgb(pal[4]), 1.0) + (160,), width=2)
        for x in range(40, W, 150):
            d.rectangle([x, y + 18, x + 10, y + 70], fill=c)
        # distant refinery columns and a flare
        for k in range(5):
            x = 720 + k * 70
            h = rnd.randint(80, 190)
            d.rectangle([x, int(H * 0.56) - h, x + 26, int(H * 0.56)], fill=c)
        d.ellipse([1068, 240, 1096, 290], fill=rgb(pal[4]) + (230,))
        d.rectangle([1076, 290, 1088, int(H * 0.56)], fill=c)

    return overlay(img, fn)


def field(rnd, pal, flowers=False):
    horizon = rnd.uniform(0.38, 0.48)
    img = sky(rnd, pal, horizon)
    hy = int(H * horizon)
    img.paste(vertical_gradient(rgb(pal[2]), rgb(pal[3]), H - hy), (0, hy))
    vx = rnd.randint(400, 800)

    def rows(d):
        for k in range(-30, 31):
            x_bottom = vx + k * 90
            d.line([(vx, hy), (x_bottom, H)], fill=shade(rgb(pal[3]), 0.75) + (150,), width=3)
        if flowers:
            for _ in range(1600):
                y = hy + (H - hy) * rnd.random() ** 0.7
                t = (y - hy) / (H - hy)
                x = rnd.uniform(-100, W + 100)
                r = 1 + 9 * t
                col = rgb(rnd.choice([pal[4], pal[2], pal[1]])) + (220,)
                d.ellipse([x - r, y - r * 0.7, x + r, y + r * 0.7], fill=col)

    return overlay(img, rows)


def berries(rnd, pal):
    img = vertical_gradient(rgb(pal[0]), rgb(pal[3]))

    def fn(d):
        for _ in range(9):
            # stems and leaves
            x0, y0 = rnd.randint(0, W), rnd.randint(-100, H)
            x1, y1 = x0 + rnd.randint(-500, 500), y0 + rnd.randint(200, 600)
            d.line([(x0, y0), (x1, y1)], fill=shade(rgb(pal[3]), 0.6) + (255,), width=10)
            for k in range(6):
                t = k / 6
                lx, ly = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                d.ellipse([lx - 70, ly - 24, lx + 70, ly + 24], fill=rgb(pal[2]) + (200,))
                for _ in range(rnd.randint(3, 6)):
                    bx, by = lx + rnd.randint(-40, 40), ly + rnd.randint(-40, 40)
                    r = rnd.randint(11, 19)
                    col = rgb(rnd.choice(["#b5179e", "#c1121f", "#e85d04", "#9d0208"])) + (255,)
                    d.ellipse([bx - r, by - r, bx + r, by + r], fill=col)
                    d.ellipse(
                        [bx - r / 3 - 3, by - r / 2 - 3, bx - r / 3 + 3, by - r / 2 + 3],
                        fill=(255, 255, 255, 160),
                    )

    img = overlay(img, fn, blur=1)
    return radial_glow(img, (rnd.randint(200, 1000), 120), 500, rgb(pal[4]), 0.35)


def drying_beds(rnd, pal):
    img = vertical_gradient(rgb(pal[1]), rgb(pal[4]))

    def fn(d):
        for row in range(6):
            y = 90 + row * 120
            for col in range(5):
                x = 60 + col * 225
                d.rectangle([x, y, x + 200, y + 90], fill=shade(rgb(pal[3]), 0.8) + (255,))
                for _ in range(45):
                    bx, by = x + rnd.randint(8, 192), y + rnd.randint(8, 82)
                    r = rnd.randint(5, 8)
                    tone = rnd.choice(["#7f1d1d", "#9a3412", "#581c1c", "#b45309"])
                    d.ellipse([bx - r, by - r, bx + r, by + r], fill=rgb(tone) + (255,))

    img = overlay(img, fn)
    return radial_glow(img, (900, 100), 600, (255, 244, 214), 0.3)


def qamariya(rnd, pal):
    """A fan-light window of coloured glass, as in Sanaa's tower houses."""
    wall = rgb(pal[1])
    img = vertical_gradient(shade(wall, 1.05), shade(wall, 0.85))
    cx, base = W // 2 + rnd.randint(-120, 120), rnd.randint(520, 620)
    r = rnd.randint(300, 360)
    glass = ["#e63946", "#f4a261", "#2a9d8f", "#e9c46a", "#457b9d", "#8ab17d"]

    def fn(d):
        d.pieslice(
            [cx - r - 26, base - r - 26, cx + r + 26, base + r + 26],
            180,
            360,
            fill=(250, 246, 238, 255),
        )
        n = rnd.choice([7, 9, 11])
        for k in range(n):
            a0 = 180 + 180 * k / n
            a1 = 180 + 180 * (k + 1) / n
            d.pieslice(
                [cx - r, base - r, cx + r, base + r], a0, a1, fill=rgb(rnd.choice(glass)) + (255,)
            )
        ri = r * 0.45
        d.pieslice(
            [cx - ri, base - ri, cx + ri, base + ri], 180, 360, fill=rgb(rnd.choice(glass)) + (255,)
        )
        for k in range(n + 1):
            a = math.radians(180 + 180 * k / n)
            d.line(
                [(cx, base), (cx + r * math.cos(a), base + r * math.sin(a))],
                fill=(250, 246, 238, 255),
                width=10,
            )
        for rr in (ri, r * 0.75):
            d.arc(
                [cx - rr, base - rr, cx + rr, base + rr],
                180,
                360,
                fill=(250, 246, 238, 255),
                width=9,
            )
        d.rectangle([cx - r - 26, base, cx + r + 26, base + 26], fill=(250, 246, 238, 255))
        d.rectangle([cx - r, base + 26, cx + r, H], fill=shade(wall, 0.55) + (255,))
        for x in range(cx - r + 30, cx + r - 20, 80):
            d.rectangle([x, base + 60, x + 40, H], fill=shade(wall, 0.45) + (255,))

    img = overlay(img, fn)
    return radial_glow(img, (cx, base - r // 2), r * 2, (255, 240, 200), 0.25)


def arches(rnd, pal):
    img = vertical_gradient(rgb(pal[4]), rgb(pal[1]))
    n = rnd.choice([3, 4, 5])
    width = W / n

    def fn(d):
        wall = rgb(pal[2]) + (255,)
        d.rectangle([0, 0, W, H], fill=wall)
        for k in range(n):
            x0 = k * width + width * 0.18
            x1 = (k + 1) * width - width * 0.18
            r = (x1 - x0) / 2
            top = 180 + rnd.randint(-10, 10)
            d.rectangle([x0, top + r, x1, H], fill=(0, 0, 0, 0))
            d.pieslice([x0, top, x1, top + 2 * r], 180, 360, fill=(0, 0, 0, 0))

    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    fn(ImageDraw.Draw(layer))
    # the openings show a courtyard in light; shadows fall across the floor
    view = sky(rnd, pal, 0.8)
    view = overlay(
        view,
        lambda d: [
            d.polygon(
                [(i * 240 - 300, H), (i * 240 + 80, 560), (i * 240 + 150, 560), (i * 240 - 180, H)],
                fill=shade(rgb(pal[3]), 0.6) + (90,),
            )
            for i in range(7)
        ],
        blur=6,
    )
    view.paste(layer, (0, 0), layer)
    edge = overlay(
        view,
        lambda d: [
            d.line(
                [(k * width + width * 0.18 + 10, 0), (k * width + width * 0.18 + 10, H)],
                fill=shade(rgb(pal[2]), 0.7) + (120,),
                width=14,
            )
            for k in range(n)
        ],
        blur=8,
    )
    return edge


def geometric(rnd, pal, motif="circles"):
    img = vertical_gradient(rgb(pal[4]), shade(rgb(pal[1]), 0.95))
    cols = [rgb(c) for c in pal]

    def fn(d):
        if motif == "circles":
            for _ in range(26):
                r = rnd.randint(30, 220)
                x, y = rnd.randint(-50, W + 50), rnd.randint(-50, H + 50)
                d.ellipse(
                    [x - r, y - r, x + r, y + r], fill=rnd.choice(cols) + (rnd.randint(120, 220),)
                )
        elif motif == "stripes":
            x = -400
            while x < W + 400:
                w = rnd.randint(20, 110)
                d.polygon(
                    [(x, H), (x + w, H), (x + w + 400, 0), (x + 400, 0)],
                    fill=rnd.choice(cols) + (230,),
                )
                x += w + rnd.randint(0, 40)
        elif motif == "tiles":
            s = 100
            for gy in range(0, H, s):
                for gx in range(0, W, s):
                    c1, c2 = rnd.sample(cols, 2)
                    d.rectangle([gx, gy, gx + s, gy + s], fill=c1 + (255,))
                    pick = rnd.random()
                    if pick < 0.33:
                        d.pieslice([gx - s, gy - s, gx + s, gy + s], 0, 90, fill=c2 + (255,))
                    elif pick < 0.66:
                        d.polygon([(gx, gy), (gx + s, gy), (gx, gy + s)], fill=c2 + (255,))
                    else:
                        d.ellipse([gx + 20, gy + 20, gx + s - 20, gy + s - 20], fill=c2 + (255,))
        elif motif == "arcs":
            cx, cy = rnd.randint(200, 1000), rnd.randint(500, 900)
            for r in range(1200, 40, -55):
                d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rnd.choice(cols) + (255,))
        elif motif == "star":
            # an eight-pointed star lattice, as on tiles and carved wood
            s = 200
            for gy in range(-s, H + s, s):
                for gx in range(-s, W + s, s):
                    cx, cy = gx + (s // 2 if (gy // s) % 2 else 0), gy
                    for rot, col in ((0, cols[2]), (45, cols[3])):
                        pts = []
                        for k in range(4):
                            a = math.radians(rot + 90 * k)
                            pts.append(
                                (cx + 70 * math.cos(a) - 0 * math.sin(a), cy + 70 * math.sin(a))
                            )
                        a = [math.radians(rot + 45 + 90 * k) for k in range(4)]
                        sq = [(cx + 72 * math.cos(t), cy + 72 * math.sin(t)) for t in a]
                        d.polygon(sq, fill=col + (230,))
                    d.ellipse([cx - 22, cy - 22, cx + 22, cy + 22], fill=cols[4] + (255,))
        elif motif == "waves":
            for k in range(16):
                y0 = k * 55 - 20
                amp, f = rnd.uniform(20, 50), rnd.uniform(0.004, 0.01)
                p = rnd.uniform(0, 6)
                pts = [(x, y0 + amp * math.sin(x * f + p)) for x in range(0, W + 10, 10)]
                d.polygon(pts + [(W, H), (0, H)], fill=cols[k % len(cols)] + (200,))
        elif motif == "mosaic":
            pts = [(rnd.randint(0, W), rnd.randint(0, H)) for _ in range(60)]
            for y in range(0, H, 8):
                for x in range(0, W, 8):
                    i = min(
                        range(len(pts)), key=lambda j: (pts[j][0] - x) ** 2 + (pts[j][1] - y) ** 2
                    )
                    d.rectangle([x, y, x + 7, y + 7], fill=cols[i % len(cols)] + (255,))

    return overlay(img, fn)


def lanterns(rnd, pal):
    img = vertical_gradient(rgb(pal[0]), rgb(pal[3]))

    def glow(d):
        for _ in range(14):
            x, y = rnd.randint(40, W - 40), rnd.randint(160, 640)
            r = rnd.randint(40, 80)
            d.ellipse([x - r * 2, y - r * 2, x + r * 2, y + r * 2], fill=rgb(pal[4]) + (90,))

    img = overlay(img, glow, blur=40)
    rnd2 = random.Random(rnd.random())

    def fn(d):
        for _ in range(14):
            x, y = rnd2.randint(40, W - 40), rnd2.randint(160, 640)
            r = rnd2.randint(26, 50)
            d.line([(x, 0), (x, y - r * 1.3)], fill=shade(rgb(pal[4]), 0.8) + (180,), width=2)
            d.polygon(
                [
                    (x, y - r * 1.4),
                    (x + r, y - r * 0.4),
                    (x + r * 0.7, y + r),
                    (x - r * 0.7, y + r),
                    (x - r, y - r * 0.4),
                ],
                fill=rgb(rnd2.choice(pal[2:])) + (255,),
            )
            d.ellipse(
                [x - r * 0.5, y - r * 0.5, x + r * 0.5, y + r * 0.5],
                fill=shade(rgb(pal[4]), 1.3) + (230,),
            )

    return overlay(img, fn)


def stadium(rnd, pal):
    img = vertical_gradient(rgb(pal[0]), rgb(pal[3]))

    def beams(d):
        for x in (120, 420, 780, 1080):
            d.polygon(
                [
                    (x - 20, 80),
                    (x + 20, 80),
                    (x + 320 - x * 0.5, 640),
                    (x - 320 - x * 0.1 + 200, 640),
                ],
                fill=rgb(pal[4]) + (45,),
            )

    img = overlay(img, beams, blur=18)

    def fn(d):
        d.ellipse([-200, 470, W + 200, 1150], fill=shade(rgb(pal[3]), 0.55) + (255,))
        d.ellipse([60, 540, W - 60, 1040], fill=(46, 125, 70, 255))
        for k in range(8):
            d.pieslice(
                [60, 540, W - 60, 1040],
                180 + k * 22.5,
                180 + k * 22.5 + 11.25,
                fill=(56, 140, 80, 255),
            )
        d.arc([400, 630, 800, 850], 0, 360, fill=(235, 235, 235, 200), width=4)
        d.line([(600, 560), (600, 1040)], fill=(235, 235, 235, 200), width=4)
        for x in (120, 420, 780, 1080):
            d.rectangle([x - 6, 90, x + 6, 470], fill=(30, 30, 40, 255))
            d.rectangle([x - 36, 60, x + 36, 96], fill=shade(rgb(pal[4]), 1.2) + (255,))
        for _ in range(500):
            x, y = rnd.randint(0, W), rnd.randint(480, 560)
            d.point((x, y), fill=rgb(rnd.choice(pal[2:])) + (255,))

    return overlay(img, fn)


def ripples(rnd, pal):
    img = vertical_gradient(rgb(pal[3]), rgb(pal[2]))

    def fn(d):
        for _ in range(5):
            cx, cy = rnd.randint(100, W - 100), rnd.randint(100, H - 100)
            for r in range(20, 600, 34):
                d.ellipse(
                    [cx - r, cy - r * 0.55, cx + r, cy + r * 0.55],
                    outline=rgb(pal[4]) + (max(20, 150 - r // 4),),
                    width=3,
                )

    img = overlay(img, fn, blur=1)
    return radial_glow(img, (rnd.randint(300, 900), 200), 500, rgb(pal[1]), 0.4)


def chart(rnd, pal):
    img = vertical_gradient(rgb(pal[0]), rgb(pal[3]))

    def fn(d):
        for y in range(120, H, 80):
            d.line([(0, y), (W, y)], fill=rgb(pal[1]) + (40,), width=1)
        x, level = 80, rnd.randint(300, 420)
        pts = []
        while x < W - 60:
            level = min(640, max(180, level + rnd.randint(-70, 70)))
            d.rectangle([x, level, x + 46, H - 80], fill=rgb(pal[2]) + (150,))
            pts.append((x + 23, level - 30))
            x += 64
        d.line(pts, fill=rgb(pal[4]) + (255,), width=6, joint="curve")
        for p in pts:
            d.ellipse([p[0] - 8, p[1] - 8, p[0] + 8, p[1] + 8], fill=rgb(pal[4]) + (255,))

    return overlay(img, fn)


def pulse(rnd, pal):
    img = vertical_gradient(rgb(pal[1]), rgb(pal[2]))
    img = radial_glow(img, (850, 250), 600, rgb(pal[4]), 0.4)

    def fn(d):
        for _ in range(10):
            r = rnd.randint(60, 200)
            x, y = rnd.randint(0, W), rnd.randint(0, H)
            d.ellipse([x - r, y - r, x + r, y + r], fill=rgb(pal[4]) + (60,))
        y = 420
        pts, x = [], 0
        while x < W:
            pts.append((x, y))
            if rnd.random() < 0.25:
                pts += [
                    (x + 20, y - 30),
                    (x + 40, y + 20),
                    (x + 55, y - 150),
                    (x + 75, y + 90),
                    (x + 95, y),
                ]
                x += 95
            x += 40
        d.line(pts, fill=rgb(pal[3]) + (255,), width=7, joint="curve")

    return overlay(img, fn)


def books(rnd, pal):
    img = vertical_gradient(rgb(pal[4]), rgb(pal[1]))
    img = radial_glow(img, (300, 160), 600, (255, 248, 230), 0.35)

    def fn(d):
        for shelf in (260, 560):
            d.rectangle([0, shelf, W, shelf + 22], fill=shade(rgb(pal[3]), 0.7) + (255,))
            x = 30
            while x < W - 40:
                w = rnd.randint(26, 58)
                h = rnd.randint(150, 230)
                col = rgb(rnd.choice(pal[:4]))
                if rnd.random() < 0.1:  # a leaning book
                    d.polygon(
                        [
                            (x, shelf),
                            (x + w, shelf),
                            (x + w + 50, shelf - h + 10),
                            (x + 50, shelf - h + 10),
                        ],
                        fill=col + (255,),
                    )
                    x += 60
                else:
                    d.rectangle([x, shelf - h, x + w, shelf], fill=col + (255,))
                    d.rectangle(
                        [x + 4, shelf - h + 20, x + w - 4, shelf - h + 26],
                        fill=shade(col, 1.35) + (255,),
                    )
                x += w + rnd.randint(1, 5)

    return overlay(img, fn)


def heat(rnd, pal):
    img = vertical_gradient(rgb(pal[1]), rgb(pal[0]), curve=0.7)
    img = radial_glow(img, (600, 300), 700, (255, 250, 220), 0.7)

    def fn(d):
        for k in range(12):
            y = 560 + k * 22
            pts = [(x, y + 8 * math.sin(x * 0.02 + k)) for x in range(0, W + 10, 10)]
            d.line(pts, fill=rgb(pal[4]) + (90,), width=4)

    img = overlay(img, fn, blur=3)
    return overlay(
        img, lambda d: d.rectangle([0, 700, W, H], fill=shade(rgb(pal[3]), 0.6) + (255,))
    )


def clouds(rnd, pal):
    img = vertical_gradient(rgb(pal[3]), rgb(pal[1]))

    def fn(d):
        for _ in range(40):
            x, y = rnd.randint(-100, W + 100), rnd.randint(40, 460)
            rx, ry = rnd.randint(90, 260), rnd.randint(40, 90)
            d.ellipse([x - rx, y - ry, x + rx, y + ry], fill=rgb(pal[4]) + (rnd.randint(60, 140),))

    img = overlay(img, fn, blur=22)

    def rain(d):
        for _ in range(700):
            x, y = rnd.randint(0, W), rnd.randint(300, H)
            d.line([(x, y), (x - 8, y + 30)], fill=rgb(pal[4]) + (70,), width=2)
        d.rectangle([0, 700, W, H], fill=shade(rgb(pal[3]), 0.7) + (255,))
        for x in range(0, W, 160):
            d.ellipse([x + 20, 720, x + 140, 760], fill=rgb(pal[2]) + (120,))

    return overlay(img, rain)


def water_tower(rnd, pal):
    img = hills(rnd, pal)

    def fn(d):
        c = shade(rgb(pal[3]), 0.5) + (255,)
        x = rnd.randint(300, 800)
        d.rectangle([x, 280, x + 200, 400], fill=c)
        d.ellipse([x, 250, x + 200, 310], fill=c)
        for lx in (x + 20, x + 90, x + 170):
            d.rectangle([lx, 400, lx + 10, 640], fill=c)
        d.line([(x + 25, 420), (x + 175, 620)], fill=c, width=5)
        d.line([(x + 175, 420), (x + 25, 620)], fill=c, width=5)
        d.rectangle([0, 655, W, 668], fill=c)

    return overlay(img, fn)


PAINTERS = {
    "skyline": lambda r, p: skyline(r, p, "city"),
    "skyline-night": lambda r, p: skyline(r, p, "night"),
    "old-city": lambda r, p: skyline(r, p, "old"),
    "sea": lambda r, p: sea(r, p),
    "port": lambda r, p: sea(r, p, boats=True, cranes=True),
    "hills": lambda r, p: hills(r, p),
    "terraces": lambda r, p: hills(r, p, terraces=True),
    "terraces-mist": lambda r, p: hills(r, p, terraces=True, mist=True),
    "dunes": dunes,
    "pipeline": pipeline,
    "field": lambda r, p: field(r, p),
    "flowers": lambda r, p: field(r, p, flowers=True),
    "berries": berries,
    "drying-beds": drying_beds,
    "qamariya": qamariya,
    "arches": arches,
    "circles": lambda r, p: geometric(r, p, "circles"),
    "stripes": lambda r, p: geometric(r, p, "stripes"),
    "tiles": lambda r, p: geometric(r, p, "tiles"),
    "arcs": lambda r, p: geometric(r, p, "arcs"),
    "star": lambda r, p: geometric(r, p, "star"),
    "waves": lambda r, p: geometric(r, p, "waves"),
    "mosaic": lambda r, p: geometric(r, p, "mosaic"),
    "lanterns": lanterns,
    "stadium": stadium,
    "ripples": ripples,
    "chart": chart,
    "pulse": pulse,
    "books": books,
    "heat": heat,
    "clouds": clouds,
    "water-tower": water_tower,
}

# name -> (painter, palette). The name also seeds the random generator.
IMAGES = {
    # Sanaa's old city (gallery)
    "sanaa-old-city-dusk": ("old-city", "dusk"),
    "sanaa-tower-houses-morning": ("old-city", "dawn"),
    "sanaa-qamariya-window": ("qamariya", "sand"),
    "sanaa-qamariya-window-blue": ("qamariya", "mist"),
    "sanaa-courtyard-arches": ("arches", "earth"),
    "sanaa-rooftops-noon": ("old-city", "noon"),
    "sanaa-carved-star-pattern": ("star", "earth"),
    # Haraz coffee harvest (gallery)
    "haraz-terraces-morning": ("terraces", "dawn"),
    "haraz-terraces-mist": ("terraces-mist", "mist"),
    "haraz-terraces-green": ("terraces", "green"),
    "haraz-coffee-cherries": ("berries", "green"),
    "haraz-drying-beds": ("drying-beds", "sand"),
    "haraz-terraces-evening": ("terraces", "dusk"),
    "haraz-valley-noon": ("hills", "noon"),
    # Art exhibition / festival (gallery)
    "exhibition-circles": ("circles", "rose"),
    "exhibition-stripes": ("stripes", "teal"),
    "exhibition-tiles": ("tiles", "ochre"),
    "exhibition-arcs": ("arcs", "plum"),
    "exhibition-mosaic": ("mosaic", "sea"),
    "exhibition-waves": ("waves", "dawn"),
    "festival-lanterns": ("lanterns", "night"),
    # General heroes
    "red-sea-port-cranes": ("port", "sea"),
    "red-sea-horizon-dawn": ("sea", "dawn"),
    "gulf-shipping-dusk": ("sea", "dusk"),
    "desert-pipeline": ("pipeline", "sand"),
    "city-skyline-dusk": ("skyline", "dusk"),
    "wheat-field-noon": ("field", "ochre"),
    "rose-field-taif": ("flowers", "rose"),
    "stadium-night": ("stadium", "night"),
    "market-chart": ("chart", "night"),
    "health-pulse": ("pulse", "teal"),
    "book-fair-shelves": ("books", "earth"),
    "heat-haze": ("heat", "heat"),
    "rain-clouds": ("clouds", "mist"),
    "water-tower-hills": ("water-tower", "dawn"),
    "water-ripples": ("ripples", "sea"),
    # Arabic edition: Shibam in Wadi Hadramawt (gallery)
    "shibam-mud-towers-dusk": ("old-city", "sand"),
    "shibam-mud-towers-morning": ("old-city", "ochre"),
    "hadramawt-wadi-cliffs": ("hills", "earth"),
    "shibam-courtyard-arches": ("arches", "ochre"),
    "shibam-carved-door-star": ("star", "sand"),
    "hadramawt-wadi-dunes": ("dunes", "ochre"),
    "shibam-rooftops-evening": ("old-city", "earth"),
    # Arabic edition: heroes
    "west-coast-fishing-boats": ("sea", "teal"),
    "riyadh-skyline-night": ("skyline-night", "plum"),
    "gold-market-chart": ("chart", "ochre"),
    "basra-palm-groves": ("field", "earth"),
}


def make(name):
    painter, palette = IMAGES[name]
    rnd = random.Random(zlib.crc32(name.encode()))
    img = PAINTERS[painter](rnd, PALETTES[palette])
    if img.size != (W, H):
        img = img.resize((W, H))
    path = OUT / f"{name}.jpg"
    img.save(path, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return path


def main(names):
    OUT.mkdir(exist_ok=True)
    for name in names or IMAGES:
        path = make(name)
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
