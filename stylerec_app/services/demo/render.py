"""Product photos drawn with Pillow: a silhouette per product type, filled with a pattern.

Drawn at 2x and downsampled for smooth edges; plain light background, soft
shadow and shading, so later image models see product-photo-like pictures.
"""

from __future__ import annotations

import functools
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

SIZE = 320
_S = 2 * SIZE  # supersampled canvas

COLOURS: dict[str, tuple[int, int, int]] = {
    "Red": (200, 40, 45), "Orange": (235, 130, 40), "Yellow": (240, 205, 60),
    "Green": (60, 150, 80), "Teal": (30, 140, 140), "Blue": (45, 90, 190),
    "Navy": (30, 40, 90), "Purple": (120, 70, 160), "Pink": (235, 140, 175),
    "Black": (35, 35, 38), "White": (236, 236, 232), "Beige": (210, 190, 155),
    "Brown": (120, 80, 50), "Grey": (140, 140, 145),
}
PATTERNS = ("Solid", "Striped", "Dotted", "Checked", "Floral")

# Polygons in unit coordinates (x right, y down) on the canvas.
_SHAPES: dict[str, list[list[tuple[float, float]]]] = {
    "T-shirt": [[(.32, .18), (.42, .15), (.5, .2), (.58, .15), (.68, .18), (.86, .32),
                 (.78, .42), (.7, .36), (.7, .84), (.3, .84), (.3, .36), (.22, .42), (.14, .32)]],
    "Sweater": [[(.33, .16), (.43, .14), (.5, .18), (.57, .14), (.67, .16), (.8, .3),
                 (.88, .78), (.79, .8), (.71, .4), (.71, .84), (.29, .84), (.29, .4),
                 (.21, .8), (.12, .78), (.2, .3)]],
    "Dress": [[(.4, .12), (.44, .12), (.46, .3), (.54, .3), (.56, .12), (.6, .12), (.63, .34),
               (.6, .45), (.76, .88), (.24, .88), (.4, .45), (.37, .34)]],
    "Trousers": [[(.33, .12), (.67, .12), (.7, .88), (.56, .88), (.5, .38), (.44, .88),
                  (.3, .88)]],
    "Skirt": [[(.36, .25), (.64, .25), (.78, .75), (.22, .75)]],
    "Sneaker": [[(.12, .62), (.2, .48), (.36, .44), (.5, .5), (.66, .56), (.84, .6),
                 (.9, .68), (.88, .72), (.12, .72)]],
    "Boot": [[(.3, .15), (.56, .15), (.58, .56), (.78, .62), (.84, .7), (.84, .78),
              (.28, .78)]],
    "Tote bag": [[(.24, .38), (.76, .38), (.8, .84), (.2, .84)]],
    "Backpack": [[(.3, .2), (.7, .2), (.76, .3), (.76, .86), (.24, .86), (.24, .3)]],
    "Handbag": [[(.26, .46), (.74, .46), (.82, .8), (.18, .8)]],
    "Mug": [[(.28, .3), (.64, .3), (.64, .78), (.28, .78)]],
    "Vase": [[(.42, .14), (.58, .14), (.56, .28), (.7, .46), (.72, .62), (.64, .84), (.36, .84),
              (.28, .62), (.3, .46), (.44, .28)]],
    "Cushion": [[(.18, .22), (.5, .27), (.82, .22), (.77, .5), (.82, .78), (.5, .73),
                 (.18, .78), (.23, .5)]],
    "Lamp": [[(.36, .14), (.64, .14), (.76, .44), (.24, .44)]],
}

PRODUCT_TYPES = tuple(_SHAPES)


def _poly(points, scale=_S):
    return [(x * scale, y * scale) for x, y in points]


def _pattern(pattern: str, rgb: tuple[int, int, int], rng: random.Random) -> Image.Image:
    base = Image.new("RGB", (_S, _S), rgb)
    draw = ImageDraw.Draw(base)
    accent = tuple(255 - c if sum(rgb) < 200 else max(0, c - 90) for c in rgb)
    if sum(rgb) > 650:  # white items: a grey accent stays visible
        accent = (120, 120, 125)
    step = rng.randint(36, 60)
    if pattern == "Striped":
        for y in range(0, _S, step):
            draw.rectangle([0, y, _S, y + step // 3], fill=accent)
    elif pattern == "Dotted":
        r = step // 6
        for y in range(0, _S, step):
            for x in range((y // step % 2) * step // 2, _S, step):
                draw.ellipse([x - r, y - r, x + r, y + r], fill=accent)
    elif pattern == "Checked":
        for y in range(0, _S, step):
            for x in range(0, _S, step):
                if (x // step + y // step) % 2 == 0:
                    draw.rectangle([x, y, x + step - 1, y + step - 1], fill=accent)
    elif pattern == "Floral":
        for _ in range(70):
            cx, cy, r = rng.randrange(_S), rng.randrange(_S), rng.randint(10, 18)
            for dx, dy in ((r, 0), (-r, 0), (0, r), (0, -r)):
                draw.ellipse([cx + dx - r, cy + dy - r, cx + dx + r, cy + dy + r], fill=accent)
            draw.ellipse([cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2], fill=(250, 220, 90))
    return base


def _extras(draw: ImageDraw.ImageDraw, product_type: str, outline) -> None:
    """Details drawn over the fill: handles, soles, stand."""
    w = _S // 90
    if product_type in ("Tote bag", "Handbag"):
        top = .38 if product_type == "Tote bag" else .46
        draw.arc(_poly([(.36, top - .2), (.64, top + .06)]), 180, 360, fill=outline, width=3 * w)
    elif product_type == "Mug":
        draw.arc(_poly([(.56, .4), (.8, .66)]), 270, 90, fill=outline, width=4 * w)
    elif product_type == "Sneaker":
        draw.rectangle(_poly([(.12, .72), (.9, .77)]), fill=(245, 245, 245), outline=outline)
    elif product_type == "Boot":
        draw.rectangle(_poly([(.28, .78), (.84, .83)]), fill=(60, 45, 35))
    elif product_type == "Lamp":
        draw.rectangle(_poly([(.48, .44), (.52, .8)]), fill=(90, 90, 95))
        draw.ellipse(_poly([(.36, .78), (.64, .86)]), fill=(90, 90, 95))
    elif product_type == "Backpack":
        draw.rounded_rectangle(_poly([(.34, .56), (.66, .8)]), radius=12, outline=outline,
                               width=2 * w)


@functools.cache
def _shading() -> Image.Image:
    """Vertical shading, lighter at the top and darker at the bottom: the same for every
    photo, so it is made once (it was a fifth of a photo's drawing time)."""
    gradient = Image.linear_gradient("L").resize((_S, _S)).point(lambda v: 255 - v // 5)
    return Image.merge("RGB", (gradient,) * 3)


def render_product(product_type: str, colour: str, pattern: str, seed: int) -> Image.Image:
    """One product photo, SIZE×SIZE RGB, deterministic for its arguments."""
    rng = random.Random(seed)
    shade = rng.randint(238, 250)
    canvas = Image.new("RGB", (_S, _S), (shade, shade, shade - 3))
    mask = Image.new("L", (_S, _S), 0)
    jitter = [(rng.uniform(-.015, .015), rng.uniform(-.015, .015))]
    for polygon in _SHAPES[product_type]:
        pts = [(x + jitter[0][0], y + jitter[0][1]) for x, y in polygon]
        ImageDraw.Draw(mask).polygon(_poly(pts), fill=255)
    shadow = mask.filter(ImageFilter.GaussianBlur(18)).point(lambda v: v * 0.35)
    canvas.paste((120, 120, 120), (12, 18), shadow)
    fill = _pattern(pattern, COLOURS[colour], rng)
    fill = ImageChops.multiply(fill, _shading())
    canvas.paste(fill, (0, 0), mask)
    outline = tuple(max(0, c - 70) for c in COLOURS[colour])
    draw = ImageDraw.Draw(canvas)
    for polygon in _SHAPES[product_type]:
        pts = [(x + jitter[0][0], y + jitter[0][1]) for x, y in polygon]
        draw.polygon(_poly(pts), outline=outline, width=4)
    _extras(draw, product_type, outline)
    return canvas.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
