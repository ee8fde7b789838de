"""Renders the OCR fixtures: pictures with known text, and photos without any.

Writes the pictures and expected.json (the words each picture shows, lower case;
an empty list for the photos) beside this script. Needs Pillow, scikit-image (for
its public-domain sample photos) and the DejaVu fonts (Debian: fonts-dejavu-core).
Output is deterministic for a given Pillow and font version.
"""

import json
import os
import random

import numpy as np
import skimage.data
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = "/usr/share/fonts/truetype/dejavu"


def font(name, size):
    return ImageFont.truetype(os.path.join(FONTS, name), size)


def save(image, name, **options):
    image.save(os.path.join(HERE, name), **options)


def photo(array):
    """A scikit-image sample as an RGB Pillow image."""
    return Image.fromarray(np.asarray(array)).convert("RGB")


def poster():
    """A concert poster: big title over a gradient, smaller lines below."""
    width, height = 900, 1200
    top, bottom = np.array([20, 30, 90]), np.array([120, 30, 110])
    ramp = np.linspace(0, 1, height)[:, None, None]
    pixels = (top * (1 - ramp) + bottom * ramp).repeat(width, axis=1).astype(np.uint8)
    image = Image.fromarray(pixels)
    draw = ImageDraw.Draw(image)
    generator = random.Random(4)
    for _ in range(14):  # soft decorative circles
        x, y, r = generator.randint(0, width), generator.randint(0, height), generator.randint(30, 140)
        draw.ellipse((x - r, y - r, x + r, y + r), outline=(200, 120, 220), width=3)
    draw.text((width // 2, 260), "JAZZ NIGHT", font=font("DejaVuSans-Bold.ttf", 130), fill=(255, 214, 60), anchor="mm")
    draw.text((width // 2, 470), "Riverside Park", font=font("DejaVuSerif-Bold.ttf", 72), fill="white", anchor="mm")
    draw.text((width // 2, 620), "Saturday 14 June", font=font("DejaVuSans.ttf", 56), fill="white", anchor="mm")
    draw.text((width // 2, 1000), "Free entry, bring a blanket", font=font("DejaVuSans.ttf", 40), fill=(230, 230, 230), anchor="mm")
    save(image, "poster.png")
    return ["jazz", "night", "riverside", "park", "saturday", "june", "free", "entry", "bring", "blanket"]


def sign():
    """Two street signs, slightly tilted, over a photo of a motorbike."""
    image = photo(skimage.data.stereo_motorcycle()[0]).resize((1200, 810), Image.LANCZOS)
    board = Image.new("RGBA", (620, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(board)
    draw.rounded_rectangle((0, 0, 619, 150), radius=18, fill=(0, 110, 60), outline="white", width=6)
    draw.text((310, 76), "MAPLE AVENUE", font=font("DejaVuSans-Bold.ttf", 70), fill="white", anchor="mm")
    draw.rounded_rectangle((60, 170, 559, 299), radius=14, fill=(20, 70, 160), outline="white", width=5)
    draw.text((310, 212), "Parking", font=font("DejaVuSans-Bold.ttf", 48), fill="white", anchor="mm")
    draw.text((310, 265), "2 hours only", font=font("DejaVuSans.ttf", 40), fill="white", anchor="mm")
    board = board.rotate(-4, resample=Image.BICUBIC, expand=True)
    image.paste(board, (300, 120), board)
    save(image, "sign.jpg", quality=88)
    return ["maple", "avenue", "parking", "hours", "only"]


def screenshot():
    """A mail client at 1280×800 with the small anti-aliased text of a real screen."""
    image = Image.new("RGB", (1280, 800), (250, 250, 252))
    draw = ImageDraw.Draw(image)
    ui, bold = font("DejaVuSans.ttf", 15), font("DejaVuSans-Bold.ttf", 15)
    draw.rectangle((0, 0, 1279, 40), fill=(52, 58, 70))
    draw.text((16, 11), "Inbox - Mail", font=bold, fill="white")
    draw.rectangle((0, 41, 220, 799), fill=(236, 238, 242))
    for index, label in enumerate(["Inbox", "Drafts", "Archive", "Spam", "Settings"]):
        draw.text((24, 70 + index * 36), label, font=ui, fill=(30, 30, 40))
    messages = [
        ("Maria Lopez", "Quarterly budget review", "Attached are the figures for the third quarter."),
        ("Northwind Traders", "Invoice 4471", "Payment is due within thirty days of delivery."),
        ("Tom Becker", "Lunch on Friday?", "The new noodle place near the station looks good."),
        ("Calendar", "Dentist appointment", "Reminder: Tuesday at nine in the morning."),
    ]
    for index, (sender, subject, preview) in enumerate(messages):
        y = 60 + index * 70
        draw.line((240, y + 62, 1260, y + 62), fill=(220, 222, 228))
        draw.text((250, y + 6), sender, font=bold, fill=(20, 20, 30))
        draw.text((470, y + 6), subject, font=bold, fill=(20, 20, 30))
        draw.text((470, y + 32), preview, font=ui, fill=(90, 95, 105))
    body = (
        "Hello team, the warehouse inventory will be counted on Monday. Please send your "
        "spreadsheets before noon so we can compare them with the shipping records."
    )
    draw.text((250, 380), body[:86], font=ui, fill=(40, 40, 50))
    draw.text((250, 404), body[86:], font=ui, fill=(40, 40, 50))
    save(image, "screenshot.png")
    return [
        "inbox", "drafts", "archive", "settings", "quarterly", "budget", "review", "invoice", "payment",
        "lunch", "friday", "dentist", "appointment", "warehouse", "inventory", "monday", "spreadsheets",
    ]


def caption():
    """A small caption burnt into the bottom of a photo of a cat."""
    image = photo(skimage.data.chelsea()).resize((1353, 900), Image.LANCZOS)
    draw = ImageDraw.Draw(image)
    text, face = "Chelsea asleep by the window, winter 2019", font("DejaVuSans.ttf", 30)
    draw.text((40, 840), text, font=face, fill="white", stroke_width=2, stroke_fill=(0, 0, 0))
    save(image, "caption.jpg", quality=88)
    return ["chelsea", "asleep", "window", "winter", "2019"]


def plate(text, face, fill, frame=None, padding=(40, 24), angle=0):
    """A sign: white `text` on a rounded plate of `fill`, perhaps framed in white and
    tilted by `angle` degrees, on a transparent board to paste over a photo."""
    left, top, right, bottom = ImageDraw.Draw(Image.new("L", (1, 1))).textbbox((0, 0), text, font=face)
    width, height = right - left + 2 * padding[0], bottom - top + 2 * padding[1]
    board = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(board)
    draw.rounded_rectangle(
        (0, 0, width - 1, height - 1), radius=max(4, height // 8), fill=fill,
        outline=frame, width=max(3, height // 25) if frame else 0)
    draw.text((width // 2, height // 2), text, font=face, fill="white", anchor="mm")
    return board.rotate(angle, resample=Image.BICUBIC, expand=True) if angle else board


def sign_word():
    """A hotel's sign, one short white word on a dark blue plate with little margin,
    against the pale sky of a photo: too short a band for a line of text, and pale
    sky just past its ends (which, taken for ink, hid the word)."""
    image = photo(skimage.data.camera()).resize((960, 960), Image.LANCZOS)
    board = plate("HOTEL", font("DejaVuSans-Bold.ttf", 64), (20, 40, 110), padding=(30, 20))
    image.paste(board, (520, 90), board)
    save(image, "sign-word.jpg", quality=88)
    return ["hotel"]


def street_sign():
    """A Paris street sign, white on enamel blue in a white frame, slightly tilted, on
    gravel: a busy ground that joins the frame and cuts the line out of its band."""
    image = photo(skimage.data.gravel()).resize((1024, 768), Image.LANCZOS)
    board = plate("AVENUE FOCH", font("DejaVuSans.ttf", 40), (31, 78, 156), frame="white", angle=2)
    image.paste(board, (250, 200), board)
    save(image, "street-sign.jpg", quality=88)
    return ["avenue", "foch"]


def word_closeup():
    """A shop's sign seen up close: one white word filling a dark red picture, too tall
    for a line the finder looks for, so the picture is read whole (and inverted)."""
    image = Image.new("RGB", (640, 300), (150, 20, 30))
    ImageDraw.Draw(image).text((320, 150), "OPEN", font=font("DejaVuSans-Bold.ttf", 150), fill="white", anchor="mm")
    save(image, "word-closeup.png")
    return ["open"]


def photos():
    """Scikit-image's sample photos, which show no text (its motorbike has labels, so
    it only serves as the sign's background); grass and gravel are the textures most
    like print."""
    names = {
        "photo-astronaut.jpg": skimage.data.astronaut(),
        "photo-coffee.jpg": skimage.data.coffee(),
        "photo-chelsea.jpg": skimage.data.chelsea(),
        "photo-rocket.jpg": skimage.data.rocket(),
        "photo-grass.jpg": skimage.data.grass(),
        "photo-gravel.jpg": skimage.data.gravel(),
        "photo-brick.jpg": skimage.data.brick(),
    }
    for name, pixels in names.items():
        save(photo(pixels), name, quality=85)
    return {name: [] for name in names}


def main():
    expected = {
        "poster.png": poster(),
        "sign.jpg": sign(),
        "screenshot.png": screenshot(),
        "caption.jpg": caption(),
        "sign-word.jpg": sign_word(),
        "street-sign.jpg": street_sign(),
        "word-closeup.png": word_closeup(),
    }
    expected.update(photos())
    with open(os.path.join(HERE, "expected.json"), "w") as file:
        json.dump(expected, file, indent=2, sort_keys=True)
        file.write("\n")


if __name__ == "__main__":
    main()
