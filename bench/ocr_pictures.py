"""Pictures for bench/ocr.sh, as binary PPM (no decoder's time in the numbers).

  photos/       scikit-image's sample photos without text (people, food, a cat, a
                launch pad, a horse, a camera man, a retina, deep sky), cropped,
                mirrored and enlarged to SIZE, as a camera's photos of that size
  screenshots/  windows in light and dark themes at laptop and desktop sizes, with
                the small anti-aliased type of screens
  scenes/       text in pictures: posters, tilted signs over photos, captions
                (plain, shadowed or outlined) and words set straight on photos, in
                DejaVu and URW fonts of random size and colour

Usage: ocr_pictures.py OUT_DIR [--count N] [--size WxH] [--seed S]
"""

import argparse
import glob
import os
import random

import numpy as np
import skimage.data
from PIL import Image, ImageDraw, ImageFont

WORDS = (
    "market street coffee open daily summer festival garden house station north river city hall library museum "
    "parking exit entrance sale today menu breakfast lunch dinner ticket price police hotel bakery pharmacy "
    "welcome school road avenue bridge park concert music night morning report budget meeting invoice payment "
    "project settings account privacy notifications profile search download upload delete archive weekly "
    "the a of and to in is for on with at by from this that be are was will can your our their about after"
).split()
SOURCES = {
    "astronaut": lambda: skimage.data.astronaut(),
    "coffee": lambda: skimage.data.coffee(),
    "chelsea": lambda: skimage.data.chelsea(),
    "rocket": lambda: skimage.data.rocket(),
    "horse": lambda: (skimage.data.horse() * 255).astype(np.uint8),
    "camera": lambda: skimage.data.camera(),
    "retina": lambda: skimage.data.retina(),
    "hubble": lambda: skimage.data.hubble_deep_field(),
}
FONTS = sorted(glob.glob("/usr/share/fonts/truetype/dejavu/DejaVuSans*.ttf"))
SCENE_FONTS = sorted(glob.glob("/usr/share/fonts/truetype/dejavu/*.ttf")) + sorted(
    path for path in glob.glob("/usr/share/fonts/opentype/urw-base35/*.otf")
    if "Symbol" not in path and "D050000L" not in path and "Z003" not in path
)


def photos(out, count, size, rng):
    os.makedirs(out, exist_ok=True)
    names = sorted(SOURCES)
    for index in range(count):
        name = names[index % len(names)]
        image = Image.fromarray(np.asarray(SOURCES[name]())).convert("RGB")
        width, height = image.size
        fraction = rng.uniform(0.7, 1.0)
        crop_w, crop_h = int(width * fraction), int(height * fraction)
        x, y = rng.randint(0, width - crop_w), rng.randint(0, height - crop_h)
        image = image.crop((x, y, x + crop_w, y + crop_h))
        if rng.random() < 0.5:
            image = image.transpose(Image.FLIP_LEFT_RIGHT)
        target = size if rng.random() < 0.7 else (size[1], size[0])  # some portrait
        image.resize(target, Image.BICUBIC).save(os.path.join(out, f"{index:02d}-{name}.ppm"))


def screenshot(rng):
    width, height = rng.choice([(1280, 800), (1440, 900), (1920, 1080), (1366, 768)])
    dark = rng.random() < 0.3
    background = (rng.randint(25, 45),) * 3 if dark else (rng.randint(240, 255),) * 3
    ink = (225, 225, 230) if dark else (30, 32, 40)
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    size = rng.randint(13, 17)
    face = ImageFont.truetype(rng.choice(FONTS), size)
    draw.rectangle((0, 0, width, 36), fill=tuple(rng.randint(40, 90) for _ in range(3)))
    draw.text((14, 10), " ".join(rng.choice(WORDS) for _ in range(3)).title(), font=face, fill="white")
    sidebar = rng.choice([0, 200, 260])
    if sidebar:
        draw.rectangle((0, 37, sidebar, height), fill=tuple(max(0, c - 12) for c in background))
        for row in range(rng.randint(5, 12)):
            draw.text((16, 60 + row * 32), rng.choice(WORDS).title(), font=face, fill=ink)
    y = 60
    while y < height - 40:
        if rng.random() < 0.15:
            y += size * 2
            continue
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 16)))
        draw.text((sidebar + 24, y), words, font=face, fill=ink)
        y += int(size * rng.uniform(1.5, 2.2))
    return image


def screenshots(out, count, rng):
    os.makedirs(out, exist_ok=True)
    for index in range(count):
        screenshot(rng).save(os.path.join(out, f"{index:02d}-screen.ppm"))


def words(rng, low, high):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def colour(rng):
    return tuple(rng.randint(0, 255) for _ in range(3))


def contrasting(rng, background):
    """A colour that stands out from `background` as print does."""
    luma = 0.299 * background[0] + 0.587 * background[1] + 0.114 * background[2]
    base = rng.randint(0, 60) if luma > 128 else rng.randint(195, 255)
    return tuple(min(255, max(0, base + rng.randint(-40, 40))) for _ in range(3))


def backdrop(rng, longest):
    name = rng.choice(sorted(SOURCES))
    image = Image.fromarray(np.asarray(SOURCES[name]())).convert("RGB")
    scale = longest / max(image.size)
    return image.resize((int(image.size[0] * scale), int(image.size[1] * scale)), Image.BICUBIC)


def poster(rng):
    width, height = rng.randint(700, 1400), rng.randint(900, 1600)
    top, bottom = np.array(colour(rng)), np.array(colour(rng))
    ramp = np.linspace(0, 1, height)[:, None, None]
    image = Image.fromarray((top * (1 - ramp) + bottom * ramp).repeat(width, axis=1).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(0, 8)):
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(20, 200)
        draw.ellipse((x - r, y - r, x + r, y + r), outline=colour(rng), width=rng.randint(1, 5))
    middle = tuple(int(v) for v in (top + bottom) / 2)
    for _ in range(rng.randint(2, 5)):
        size = rng.randint(30, 140)
        face = ImageFont.truetype(rng.choice(SCENE_FONTS), size)
        draw.text((width // 2, rng.randint(size, height - size)), words(rng, 1, 3), font=face,
                  fill=contrasting(rng, middle), anchor="mm")
    return image


def sign(rng):
    image = backdrop(rng, rng.randint(1000, 1800))
    width, height = image.size
    board_w, board_h = int(width * rng.uniform(0.35, 0.7)), int(height * rng.uniform(0.1, 0.25))
    board = Image.new("RGBA", (board_w, board_h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(board)
    background = colour(rng)
    draw.rounded_rectangle((0, 0, board_w - 1, board_h - 1), radius=10, fill=background,
                           outline=(255, 255, 255), width=rng.randint(0, 5))
    text, size = words(rng, 1, 2), int(board_h * rng.uniform(0.35, 0.55))
    face = ImageFont.truetype(rng.choice(SCENE_FONTS), size)
    while draw.textlength(text, font=face) > board_w * 0.92 and size > 12:
        size -= 2
        face = ImageFont.truetype(rng.choice(SCENE_FONTS), size)
    draw.text((board_w // 2, board_h // 2), text, font=face, fill=contrasting(rng, background), anchor="mm")
    board = board.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC, expand=True)
    image.paste(board, (rng.randint(0, max(0, width - board.size[0])), rng.randint(0, max(0, height - board.size[1]))), board)
    return image


def caption(rng):
    image = backdrop(rng, rng.randint(1000, 1920))
    draw = ImageDraw.Draw(image)
    size = rng.randint(18, 40)
    face = ImageFont.truetype(rng.choice(SCENE_FONTS), size)
    fill = rng.choice([(255, 255, 255), (255, 230, 0)])
    outline = rng.choice([0, 0, 1, 2, 3])
    y = rng.choice([20, image.size[1] - 2 * size])
    draw.text((rng.randint(10, 100), y), words(rng, 3, 8), font=face, fill=fill, stroke_width=outline, stroke_fill=(0, 0, 0))
    return image


def overlay(rng):
    image = backdrop(rng, rng.randint(900, 1600))
    draw = ImageDraw.Draw(image)
    size = rng.randint(28, 90)
    face = ImageFont.truetype(rng.choice(SCENE_FONTS), size)
    x, y = rng.randint(0, image.size[0] // 3), rng.randint(0, image.size[1] - size - 5)
    patch = np.asarray(image.crop((x, y, min(image.size[0], x + 4 * size), y + size))).reshape(-1, 3).mean(axis=0)
    draw.text((x, y), words(rng, 2, 4), font=face, fill=contrasting(rng, patch))
    return image


def scenes(out, count, rng):
    os.makedirs(out, exist_ok=True)
    kinds = [("poster", poster), ("sign", sign), ("caption", caption), ("overlay", overlay)]
    for index in range(count):
        name, make = kinds[index % len(kinds)]
        make(rng).save(os.path.join(out, f"{index:02d}-{name}.ppm"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=16)
    parser.add_argument("--size", default="3000x2000")
    parser.add_argument("--seed", type=int, default=5)
    options = parser.parse_args()
    size = tuple(int(side) for side in options.size.split("x"))
    rng = random.Random(options.seed)
    photos(os.path.join(options.out, "photos"), options.count, size, rng)
    screenshots(os.path.join(options.out, "screenshots"), options.count, rng)
    scenes(os.path.join(options.out, "scenes"), options.count, rng)


if __name__ == "__main__":
    main()
