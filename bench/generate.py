#!/usr/bin/env python3
"""Generate a synthetic media library for mlib's benchmark.

    bench/generate.py --notes 10000 --images 2000 --videos 20 --out DIR --seed 1

Writes, under DIR:
  notes/part-PP/batch-BBBB/note-NNNNNN.md|.txt   50-400 words of Zipfian prose,
      a heading, paragraphs, front-matter tags on about one note in five
  images/batch-BBBB/img-NNNNNN.jpg   small JPEGs, each with its own EXIF block
      (Make, Model, ImageDescription, DateTime, DateTimeOriginal, GPS)
  videos/clip-NNNN.mp4   3-second clips that differ by their container tags

At most 500 files go in one folder. The same arguments give the same files.
Images are fast to make: ImageMagick draws a few base pictures once; every file
is a copy with a Python-built EXIF APP1 segment, so no tool runs per image.
Videos are copies of two ffmpeg-encoded clips re-muxed with new tags.
"""

import argparse
import datetime
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vocabulary  # noqa: E402

FILES_PER_FOLDER = 500
BATCHES_PER_PART = 20
BASE_IMAGE_COUNT = 8

CAMERAS = [
    ("Canon", "Canon EOS R6"),
    ("NIKON CORPORATION", "NIKON Z 6"),
    ("SONY", "ILCE-7M3"),
    ("FUJIFILM", "X100V"),
    ("Apple", "iPhone 13"),
    ("Google", "Pixel 7"),
    ("OLYMPUS CORPORATION", "E-M10MarkIII"),
    ("Panasonic", "DC-GX9"),
]


# ---------------------------------------------------------------- notes


def _sentence(rng):
    words = vocabulary.sample(rng, rng.randint(6, 18))
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", ".", ".", "?", "!"])


def _title(rng):
    return " ".join(word.capitalize() for word in vocabulary.sample(rng, rng.randint(2, 6)))


def note_text(rng, index):
    """One note: optional front matter, a heading, then 50-400 words of paragraphs."""
    title = _title(rng)
    target = rng.randint(50, 400)
    paragraphs, paragraph, count = [], [], 0
    while count < target:
        sentence = _sentence(rng)
        paragraph.append(sentence)
        count += sentence.count(" ") + 1
        if len(paragraph) >= rng.randint(2, 6):
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        paragraphs.append(" ".join(paragraph))

    lines = []
    if rng.random() < 0.2:
        # Tags come from the middle of the vocabulary, as real tags are topical.
        tags = sorted(set(rng.choice(vocabulary.WORDS[100:2000]) for _ in range(rng.randint(1, 4))))
        day = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(3650))
        lines += ["---", f"title: {title}", f"tags: [{', '.join(tags)}]", f"date: {day.isoformat()}", "---", ""]
    lines += [f"# {title}", ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    return "\n".join(lines)


def batch_folder(root, index, nested):
    batch = index // FILES_PER_FOLDER
    if nested:
        return os.path.join(root, f"part-{batch // BATCHES_PER_PART:02d}", f"batch-{batch:04d}")
    return os.path.join(root, f"batch-{batch:04d}")


def write_notes(out, count, seed):
    root = os.path.join(out, "notes")
    rng = random.Random(f"notes-{seed}")
    folder = None
    for index in range(count):
        if index % FILES_PER_FOLDER == 0:
            folder = batch_folder(root, index, nested=True)
            os.makedirs(folder, exist_ok=True)
        extension = ".txt" if rng.random() < 0.2 else ".md"
        path = os.path.join(folder, f"note-{index:06d}{extension}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(note_text(rng, index))


# ---------------------------------------------------------------- images


def _ascii(text):
    return text.encode("ascii", "replace") + b"\0"


def _rational(value):
    """An unsigned RATIONAL close to value (value >= 0)."""
    denominator = 10000
    return (int(round(value * denominator)), denominator)


class _IFD:
    """A TIFF image file directory under construction (big-endian)."""

    TYPES = {"BYTE": (1, 1), "ASCII": (2, 1), "SHORT": (3, 2), "LONG": (4, 4), "RATIONAL": (5, 8), "UNDEFINED": (7, 1)}

    def __init__(self):
        self.entries = []  # (tag, type name, count, payload bytes)

    def add(self, tag, type_name, value):
        if type_name in ("ASCII", "UNDEFINED", "BYTE"):
            payload = bytes(value)
            count = len(payload)
        elif type_name == "SHORT":
            payload, count = struct.pack(">H", value), 1
        elif type_name == "LONG":
            payload, count = struct.pack(">I", value), 1
        elif type_name == "RATIONAL":
            payload = b"".join(struct.pack(">II", n, d) for n, d in value)
            count = len(value)
        else:
            raise ValueError(type_name)
        self.entries.append((tag, type_name, count, payload))

    def size(self):
        data = sum(len(p) + (len(p) & 1) for _, _, _, p in self.entries if len(p) > 4)
        return 2 + 12 * len(self.entries) + 4 + data

    def encode(self, offset):
        """The IFD's bytes when it starts at `offset` from the TIFF header."""
        self.entries.sort(key=lambda entry: entry[0])
        data_offset = offset + 2 + 12 * len(self.entries) + 4
        head, data = [struct.pack(">H", len(self.entries))], []
        for tag, type_name, count, payload in self.entries:
            type_code = self.TYPES[type_name][0]
            if len(payload) <= 4:
                head.append(struct.pack(">HHI", tag, type_code, count) + payload.ljust(4, b"\0"))
            else:
                head.append(struct.pack(">HHII", tag, type_code, count, data_offset))
                padded = payload + (b"\0" if len(payload) & 1 else b"")
                data.append(padded)
                data_offset += len(padded)
        head.append(struct.pack(">I", 0))
        return b"".join(head) + b"".join(data)


def exif_segment(make, model, description, when, latitude, longitude):
    """A complete APP1 Exif segment (marker, length, "Exif\\0\\0", TIFF)."""
    stamp = _ascii(when.strftime("%Y:%m:%d %H:%M:%S"))

    ifd0, exif, gps = _IFD(), _IFD(), _IFD()
    ifd0.add(0x010E, "ASCII", _ascii(description))
    ifd0.add(0x010F, "ASCII", _ascii(make))
    ifd0.add(0x0110, "ASCII", _ascii(model))
    ifd0.add(0x0112, "SHORT", 1)
    ifd0.add(0x0132, "ASCII", stamp)
    ifd0.add(0x8769, "LONG", 0)  # patched below, once offsets are known
    ifd0.add(0x8825, "LONG", 0)

    exif.add(0x9000, "UNDEFINED", b"0232")
    exif.add(0x9003, "ASCII", stamp)
    exif.add(0x9004, "ASCII", stamp)

    def dms(value):
        value = abs(value)
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        seconds = (value - degrees - minutes / 60) * 3600
        return [(degrees, 1), (minutes, 1), _rational(seconds)]

    gps.add(0x0000, "BYTE", bytes([2, 3, 0, 0]))
    gps.add(0x0001, "ASCII", b"N\0" if latitude >= 0 else b"S\0")
    gps.add(0x0002, "RATIONAL", dms(latitude))
    gps.add(0x0003, "ASCII", b"E\0" if longitude >= 0 else b"W\0")
    gps.add(0x0004, "RATIONAL", dms(longitude))

    ifd0_offset = 8
    exif_offset = ifd0_offset + ifd0.size()
    gps_offset = exif_offset + exif.size()
    ifd0.entries = [
        (tag, t, c, struct.pack(">I", exif_offset) if tag == 0x8769 else struct.pack(">I", gps_offset) if tag == 0x8825 else p)
        for tag, t, c, p in ifd0.entries
    ]
    tiff = b"MM\0\x2a" + struct.pack(">I", ifd0_offset)
    tiff += ifd0.encode(ifd0_offset) + exif.encode(exif_offset) + gps.encode(gps_offset)
    body = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def _without_app0(jpeg):
    """The JPEG after its SOI, minus a leading JFIF APP0, so EXIF can come first."""
    assert jpeg[:2] == b"\xff\xd8", "not a JPEG"
    rest = jpeg[2:]
    if rest[:2] == b"\xff\xe0":
        (length,) = struct.unpack(">H", rest[2:4])
        rest = rest[2 + length:]
    return rest


def base_images(scratch, seed):
    """A few small JPEGs drawn once by ImageMagick."""
    sources = ["plasma:", "plasma:tomato-steelblue", "plasma:gold-forestgreen", "gradient:skyblue-wheat",
               "gradient:darkorange-midnightblue", "plasma:firebrick-burlywood", "plasma:grey-white",
               "gradient:seagreen-khaki"]
    bases = []
    for number in range(BASE_IMAGE_COUNT):
        path = os.path.join(scratch, f"base-{number}.jpg")
        subprocess.run(
            ["convert", "-seed", str(seed * 100 + number), "-size", "160x120", sources[number % len(sources)],
             "-strip", "-quality", "75", path],
            check=True,
        )
        with open(path, "rb") as f:
            bases.append(_without_app0(f.read()))
    return bases


def write_images(out, count, seed, scratch):
    if count == 0:
        return
    root = os.path.join(out, "images")
    bases = base_images(scratch, seed)
    rng = random.Random(f"images-{seed}")
    start = datetime.datetime(2012, 1, 1)
    folder = None
    for index in range(count):
        if index % FILES_PER_FOLDER == 0:
            folder = batch_folder(root, index, nested=False)
            os.makedirs(folder, exist_ok=True)
        make, model = rng.choice(CAMERAS)
        words = " ".join(vocabulary.sample(rng, rng.randint(3, 8)))
        description = f"{words.capitalize()} (frame {index})"
        when = start + datetime.timedelta(seconds=rng.randrange(12 * 365 * 86400))
        latitude = rng.uniform(-60, 70)
        longitude = rng.uniform(-180, 180)
        segment = exif_segment(make, model, description, when, latitude, longitude)
        with open(os.path.join(folder, f"img-{index:06d}.jpg"), "wb") as f:
            f.write(b"\xff\xd8" + segment + bases[index % len(bases)])


# ---------------------------------------------------------------- videos


def write_videos(out, count, seed, scratch):
    if count == 0:
        return
    root = os.path.join(out, "videos")
    os.makedirs(root, exist_ok=True)
    quiet = ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
    exact = ["-fflags", "+bitexact", "-flags:v", "+bitexact"]
    bases = []
    for number, source in enumerate(["testsrc=size=160x120:rate=10", "mandelbrot=size=160x120:rate=10"]):
        path = os.path.join(scratch, f"base-{number}.mp4")
        subprocess.run(
            ["ffmpeg", *quiet, "-f", "lavfi", "-i", source, "-t", "3", "-c:v", "libx264", "-preset", "veryfast",
             "-crf", "35", "-pix_fmt", "yuv420p", "-threads", "1", *exact, path],
            check=True,
        )
        bases.append(path)
    rng = random.Random(f"videos-{seed}")
    for index in range(count):
        title = " ".join(vocabulary.sample(rng, rng.randint(2, 5))).capitalize()
        comment = " ".join(vocabulary.sample(rng, rng.randint(5, 15))).capitalize() + "."
        when = datetime.datetime(2015, 1, 1) + datetime.timedelta(seconds=rng.randrange(9 * 365 * 86400))
        subprocess.run(
            ["ffmpeg", *quiet, "-i", bases[index % len(bases)], "-c", "copy", "-map_metadata", "-1",
             "-metadata", f"title={title}", "-metadata", f"comment={comment}",
             "-metadata", f"creation_time={when.isoformat()}Z", *exact,
             os.path.join(root, f"clip-{index:04d}.mp4")],
            check=True,
        )


# ---------------------------------------------------------------- main


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=0, help="number of text notes")
    parser.add_argument("--images", type=int, default=0, help="number of JPEGs")
    parser.add_argument("--videos", type=int, default=0, help="number of MP4 clips")
    parser.add_argument("--out", required=True, help="folder to write into (created)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--clean", action="store_true", help="delete notes/, images/, videos/ under --out first")
    args = parser.parse_args(argv)

    if args.clean:
        for part in ("notes", "images", "videos"):
            shutil.rmtree(os.path.join(args.out, part), ignore_errors=True)
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mlib-bench-") as scratch:
        write_notes(args.out, args.notes, args.seed)
        write_images(args.out, args.images, args.seed, scratch)
        write_videos(args.out, args.videos, args.seed, scratch)


if __name__ == "__main__":
    main()
