#!/usr/bin/env python3
"""Writes the pictures and clips of mlib's evaluation set: eval/media/.

The notes of eval/notes/ test search over text; these files test the other
evidence mlib reads, and queries that need more than one kind of it:

- signs, posters, a menu, a receipt, a whiteboard and screenshots whose words are
  only in the pixels (OCR);
- strongly coloured pictures and clips with no words at all (colour names);
- photos whose only words are an XMP or IPTC caption, with camera makes and dates
  but file names that say nothing (IMG_0587.jpg, DSCF1190.jpg);
- clips whose topic is only in subtitle cues (a sidecar NAME.srt, a mov_text
  stream in MP4, an srt stream in MKV), only in text burnt into some frames at
  known times, or only in container title and comment tags.

Several files share a topic with a note (the night train to Vienna, the farmers'
market, Jo and Mark's wedding), so some queries are answered by a note and a
picture or a clip together. The queries and judgments that use these files are
in eval/queries.tsv (i… image, v… video, m… multi-modal, n… no answer) and
eval/qrels.tsv, which name files by base name, so names stay unique across
eval/notes and eval/media. eval/query-kinds.tsv gives each query the kind of its
answers: text, image or video; mixed when they are of several kinds or one needs
two kinds of evidence (the red door: colour and caption); none when nothing
answers it. All three are edited by hand.

Needs ImageMagick (`convert`), `exiftool` and `ffmpeg`. Deterministic for given
tool versions: plasma noise is seeded, encoders run single-threaded in bit-exact
mode, PNGs carry no time chunks and every date is fixed. The media are committed,
so `make eval` never runs this; run it again only to change the set, then check
the queries against the new files:

    python3 eval/make_media.py
"""

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

MEDIA = Path(__file__).resolve().parent / "media"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
BOLD = str(FONTS / "DejaVuSans-Bold.ttf")
MONO = str(FONTS / "DejaVuSansMono-Bold.ttf")
SERIF = str(FONTS / "DejaVuSerif-Bold.ttf")

CANON = ("Canon", "Canon EOS 80D")
NIKON = ("NIKON CORPORATION", "NIKON D750")
IPHONE = ("Apple", "iPhone 12")
FUJI = ("FUJIFILM", "X-T3")
PIXEL = ("Google", "Pixel 7")

MAX_IMAGE_BYTES = 60_000
# Capture time (seconds since 1970) by file name, or by stem for a clip and its .srt.
CAPTURED = {}
MAX_VIDEO_BYTES = 300_000


def run(*args):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"make_media: {args[0]} failed: {result.stderr.strip()}")


# ---------------------------------------------------------------- pictures

def picture(name, size, background, *steps, seed=1):
    """Draws a picture with `convert`: a background source, then drawing steps.

    Each step is a list of convert arguments; `text(...)` and `box(...)` make them.
    JPEGs are saved at quality 80, PNGs (for text that must stay crisp) without
    time chunks.
    """
    args = ["convert", "-seed", str(seed), "-size", size, background]
    for step in steps:
        args += step
    args += ["-strip"]
    path = MEDIA / name
    if path.suffix.lower() == ".png":
        args += ["-define", "png:exclude-chunks=date,time", "PNG8:" + str(path)]
    else:
        args += ["-sampling-factor", "4:2:0", "-quality", "80", str(path)]
    run(*args)
    return path


def text(words, size, colour, y, font=BOLD, gravity="north", x=0):
    return ["-font", font, "-pointsize", str(size), "-fill", colour, "-stroke", "none",
            "-gravity", gravity, "-annotate", f"+{x}+{y}", words]


def box(colour, x0, y0, x1, y1, radius=0, stroke=None, width=0):
    step = ["-fill", colour]
    step += ["-stroke", stroke, "-strokewidth", str(width)] if stroke else ["-stroke", "none"]
    shape = f"roundrectangle {x0},{y0} {x1},{y1} {radius},{radius}" if radius else f"rectangle {x0},{y0} {x1},{y1}"
    return step + ["-draw", shape]


def circle(colour, cx, cy, r):
    return ["-fill", colour, "-stroke", "none", "-draw", f"circle {cx},{cy} {cx + r},{cy}"]


def blur(sigma):
    return ["-blur", f"0x{sigma}"]


def tag(path, camera=None, taken=None, description=None, subjects=(), caption=None):
    """Writes camera, date and caption tags as a camera or a photo manager would."""
    args = ["exiftool", "-q", "-overwrite_original", "-charset", "exif=utf8", "-charset", "iptc=utf8"]
    if camera:
        args += [f"-EXIF:Make={camera[0]}", f"-EXIF:Model={camera[1]}"]
    if taken:
        args += [f"-EXIF:DateTimeOriginal={taken}", f"-EXIF:CreateDate={taken}"]
        when = datetime.strptime(taken, "%Y:%m:%d %H:%M:%S").replace(tzinfo=timezone.utc)
        CAPTURED[path.name] = when.timestamp()
    if description:
        args += [f"-XMP-dc:Description={description}"]
    args += [f"-XMP-dc:Subject={subject}" for subject in subjects]
    if caption:
        args += ["-IPTC:CodedCharacterSet=UTF8", f"-IPTC:Caption-Abstract={caption}"]
    run(*args, str(path))


def signs():
    """Pictures whose words are only in the pixels.

    Lines keep a margin of 30 px or more inside their plate: tesseract dropped
    lines that ran up to a plate's edge (PLATFORM 9, BOULANGERIE, FARMERS MARKET).
    """
    p = picture("IMG_0412.jpg", "480x320", "plasma:wheat-tan",
                blur(3), box("#1e4d2b", 30, 70, 450, 250, 10, "#d4af37", 5),
                text("BOULANGERIE", 40, "#f5e6c8", 105),
                text("FRESH BREAD", 26, "#f5e6c8", 170), seed=41)
    tag(p, CANON, "2021:07:18 09:12:40")

    p = picture("DSC01234.JPG", "480x320", "gradient:#cfd8dc-#90a4ae",
                box("#0d3b8c", 40, 60, 440, 250, 8),
                text("PLATFORM 9", 44, "white", 95),
                text("Trains to York", 28, "white", 175))
    tag(p, NIKON, "2019:03:09 17:45:02")

    p = picture("IMG_0733.jpg", "360x480", "gradient:#1d2b64-#0b0f24",
                text("SUMMER", 52, "#f7c948", 40),
                text("JAZZ", 80, "#f7c948", 105),
                text("FESTIVAL", 52, "#f7c948", 205),
                text("14 JULY", 40, "white", 310),
                text("RIVERSIDE PARK", 28, "white", 375))
    tag(p, FUJI, "2023:06:30 12:05:10")

    p = picture("PXL_20240716_181500.jpg", "480x360", "plasma:#2b2b2b-#3a3a3a",
                blur(4), box("none", 12, 12, 467, 347, 0, "#8d6e63", 10),
                text("MENU", 48, "white", 30),
                text("ESPRESSO  2.50", 30, "white", 110),
                text("CAPPUCCINO  3.20", 30, "white", 160),
                text("CROISSANT  1.80", 30, "white", 210),
                text("SOUP OF THE DAY  4.50", 26, "white", 265), seed=44)
    tag(p, PIXEL, "2024:07:16 18:15:00")

    picture("scan-0007.png", "320x560", "xc:white",
            text("CORNER GROCER", 26, "black", 24, MONO),
            text("12/03/2024 10:42", 20, "black", 70, MONO),
            text("MILK        1.20", 22, "black", 130, MONO),
            text("EGGS        2.40", 22, "black", 170, MONO),
            text("APPLES      1.95", 22, "black", 210, MONO),
            text("COFFEE      4.50", 22, "black", 250, MONO),
            text("TOTAL      10.05", 24, "black", 320, MONO),
            text("CARD PAYMENT", 20, "black", 390, MONO),
            text("THANK YOU", 24, "black", 470, MONO))

    p = picture("IMG_2045.jpg", "560x400", "xc:#f7f7f4",
                box("none", 6, 6, 553, 393, 0, "#b0b0b0", 8),
                text("RETRO", 52, "#1a237e", 30),
                text("KEEP: PAIRING", 34, "#1b5e20", 120, x=30, gravity="northwest"),
                text("STOP: SCOPE CREEP", 34, "#b71c1c", 185, x=30, gravity="northwest"),
                text("FREEZE DESIGNS", 34, "#212121", 260, x=30, gravity="northwest"),
                text("BEFORE THE SPRINT", 34, "#212121", 310, x=30, gravity="northwest"))
    tag(p, IPHONE, "2021:11:04 15:30:00")

    picture("Screenshot_20240302-101530.png", "360x640", "xc:#fafafa",
            box("#1565c0", 0, 0, 359, 70),
            text("Wi-Fi", 34, "white", 16),
            text("Network", 24, "#616161", 130),
            text("ROSE COTTAGE", 34, "black", 170),
            text("Password", 24, "#616161", 260),
            text("bluebird42", 36, "black", 300),
            box("#1565c0", 60, 420, 300, 480, 12),
            text("Connect", 30, "white", 432))

    p = picture("IMG_5521.jpg", "400x480", "plasma:#9ccc65-#558b2f",
                blur(5), box("white", 50, 30, 350, 450, 14, "#0d47a1", 8),
                box("#0d47a1", 150, 55, 250, 155, 8),
                text("P", 84, "white", 55),
                text("MAX STAY", 40, "#0d47a1", 185),
                text("2 HOURS", 48, "#0d47a1", 240),
                text("NO RETURN", 26, "#0d47a1", 330),
                text("WITHIN 1 HOUR", 24, "#0d47a1", 375), seed=47)
    tag(p, IPHONE, "2021:05:02 11:20:00")

    p = picture("DSC01301.JPG", "480x320", "plasma:#c8b89a-#8d7b5f",
                blur(4), box("#2e5d34", 30, 50, 450, 270),
                text("FARMERS MARKET", 34, "#fff8e1", 90),
                text("EVERY SATURDAY", 30, "#fff8e1", 160),
                text("8AM - 1PM", 30, "#fff8e1", 205), seed=48)
    tag(p, NIKON, "2019:05:11 08:40:00")

    p = picture("IMG_0950.jpg", "400x400", "plasma:#c69c6d-#a0784a",
                blur(6),
                text("THERE IS", 48, "#111111", 60),
                text("NO PLANET B", 48, "#111111", 140),
                text("CLIMATE", 40, "#b71c1c", 240),
                text("JUSTICE NOW", 40, "#b71c1c", 295), seed=49)
    tag(p, IPHONE, "2021:09:24 13:02:00")

    p = picture("IMG_7781.jpg", "480x300", "plasma:#9e9e9e-#bdbdbd",
                blur(6), box("white", 40, 70, 440, 220, 6, "black", 6),
                text("ELM ROAD", 70, "black", 100), seed=50)
    tag(p, PIXEL, "2024:03:16 10:10:00")

    picture("invitation.png", "420x560", "xc:#fdf6e3",
            box("none", 16, 16, 403, 543, 0, "#b58900", 4),
            text("JO & MARK", 46, "#3b2f1e", 70, SERIF),
            text("invite you to", 26, "#3b2f1e", 170, SERIF),
            text("their wedding", 26, "#3b2f1e", 210, SERIF),
            text("SATURDAY", 28, "#3b2f1e", 300, SERIF),
            text("12 JUNE 2021", 30, "#3b2f1e", 345, SERIF),
            text("ST MARY'S CHURCH", 24, "#3b2f1e", 430, SERIF))

    p = picture("IMG_3390.jpg", "440x520", "xc:#263238",
                text("CENTRAL LIBRARY", 34, "white", 40),
                text("OPENING HOURS", 32, "#ffca28", 110),
                text("MON-FRI  9-6", 34, "white", 210),
                text("SAT  10-4", 34, "white", 280),
                text("SUN  CLOSED", 34, "white", 350))
    tag(p, IPHONE, "2021:02:08 16:00:00")

    p = picture("IMG_4410.jpg", "480x400", "xc:#f5f5f5",
                box("#01579b", 0, 0, 479, 90),
                text("HARBOUR FERRY", 44, "white", 20),
                text("DEPARTURES", 34, "#01579b", 120),
                text("09:00   12:00   17:30", 34, "black", 200),
                text("PIER 7", 48, "#01579b", 285))
    tag(p, IPHONE, "2023:08:12 10:05:00")

    p = picture("DSC01377.JPG", "480x320", "xc:#0a0a0a",
                text("NAPOLI", 64, "#ff4fa3", 60),
                text("PIZZERIA", 56, "#ff4fa3", 140),
                text("OPEN LATE", 36, "#ffe14f", 230))
    tag(p, NIKON, "2024:12:06 21:30:00")

    p = picture("IMG_6002.jpg", "360x480", "xc:#e0e0e0",
                box("#fdd835", 40, 30, 320, 450, 10, "black", 6),
                text("CAUTION", 50, "black", 80),
                text("WET", 70, "black", 200),
                text("FLOOR", 70, "black", 300))
    tag(p, CANON, "2024:12:03 08:30:00")

    p = picture("IMG_8120.jpg", "360x480", "gradient:#2e7d32-#1b3d1c",
                text("DINOSAURS", 48, "#ffeb3b", 70),
                text("EXHIBITION", 40, "white", 150),
                text("OPENS 5 APRIL", 32, "white", 300),
                text("CITY MUSEUM", 32, "white", 360))
    tag(p, FUJI, "2024:03:20 12:00:00")

    picture("Screenshot_20231120-084512.png", "360x560", "xc:white",
            box("#43a047", 0, 0, 359, 70),
            text("Shopping list", 32, "white", 16),
            text("birthday candles", 28, "black", 120, x=30, gravity="northwest"),
            text("balloons", 28, "black", 180, x=30, gravity="northwest"),
            text("icing sugar", 28, "black", 240, x=30, gravity="northwest"),
            text("ribbon", 28, "black", 300, x=30, gravity="northwest"),
            text("party hats", 28, "black", 360, x=30, gravity="northwest"))


def colours():
    """Pictures with no words at all: only their colours say what they are."""
    scenes = [
        ("IMG_3001.jpg", "gradient:#e53935-#8e0000", ["#ff5252", "#b71c1c"], CANON, "2024:06:01 12:00:00"),
        ("IMG_3002.jpg", "gradient:#1e88e5-#0d2c6b", ["#64b5f6", "#1565c0"], NIKON, "2024:06:02 12:00:00"),
        ("IMG_3003.jpg", "gradient:#43a047-#1b5e20", ["#81c784", "#2e7d32"], FUJI, "2024:06:03 12:00:00"),
        ("IMG_3004.jpg", "gradient:#fff176-#fbc02d", ["#ffee58", "#f9a825"], IPHONE, "2024:06:04 12:00:00"),
        ("IMG_3005.jpg", "gradient:#ff9800-#e65100", ["#ffb74d", "#ef6c00"], CANON, "2024:06:05 12:00:00"),
        ("IMG_3006.jpg", "gradient:#8e24aa-#4a148c", ["#ba68c8", "#6a1b9a"], NIKON, "2024:06:06 12:00:00"),
        ("IMG_3007.jpg", "gradient:#f8bbd0-#f06292", ["#fce4ec", "#ec407a"], FUJI, "2024:06:07 12:00:00"),
        ("IMG_3008.jpg", "gradient:#8d6e63-#4e342e", ["#a1887f", "#5d4037"], IPHONE, "2024:06:08 12:00:00"),
        ("IMG_3009.jpg", "gradient:#111111-#000000", ["#1c1c1c", "#050505"], PIXEL, "2024:06:09 12:00:00"),
        ("IMG_3010.jpg", "gradient:#ffffff-#f2f2f2", ["#fafafa", "#ececec"], PIXEL, "2024:06:10 12:00:00"),
        ("IMG_3011.jpg", "gradient:#9e9e9e-#757575", ["#bdbdbd", "#616161"], PIXEL, "2024:06:11 12:00:00"),
    ]
    for name, background, (light, dark), camera, taken in scenes:
        p = picture(name, "400x300", background,
                    circle(light, 110, 150, 70), box(dark, 230, 60, 350, 240, 12),
                    circle(dark, 300, 110, 25))
        tag(p, camera, taken)

    # Half red, half blue: a near miss for either colour alone.
    p = picture("IMG_3012.jpg", "400x300", "xc:#d32f2f",
                box("#1565c0", 200, 0, 399, 299), circle("#b71c1c", 100, 150, 60))
    tag(p, CANON, "2024:06:12 12:00:00")

    # Two front doors: the caption says "door", only the colour says which.
    p = picture("DSC05512.JPG", "360x480", "xc:#ece6da",
                box("#c62828", 80, 60, 280, 470, 4, "#7f1010", 6),
                box("#b71c1c", 110, 100, 250, 250, 2), box("#b71c1c", 110, 290, 250, 440, 2),
                circle("#d4af37", 250, 280, 9))
    tag(p, IPHONE, "2021:08:14 11:02:00", description="The front door of my sister's house in Chester",
        subjects=["door", "Chester"])
    p = picture("IMG_0101.jpg", "360x480", "xc:#d7ccc8",
                box("#1e4fa3", 80, 60, 280, 470, 4, "#0d2c6b", 6),
                box("#173f85", 110, 100, 250, 250, 2), box("#173f85", 110, 290, 250, 440, 2),
                circle("#c0c0c0", 250, 280, 9))
    tag(p, NIKON, "2019:01:12 14:20:00", description="Our front door at the old flat",
        subjects=["door", "flat"])


def captioned():
    """Photos whose only words are a caption: noise pictures standing in for scenes."""
    photos = [
        ("IMG_0587.jpg", "plasma:#f3e5ab-#c97b63", IPHONE, "2021:06:20 17:40:00",
         dict(description="Grandmother's birthday cake with candles", subjects=["birthday", "cake", "family"])),
        ("DSC_0078.jpg", "plasma:#e53935-#7cb342", NIKON, "2019:04:21 10:15:00",
         dict(caption="Tulip fields near Lisse in full bloom")),
        ("DSCF1190.jpg", "plasma:#1a237e-#ffb300", FUJI, "2024:12:14 17:05:00",
         dict(description="Christmas market stalls at dusk, mulled wine and gingerbread",
              subjects=["christmas", "market"])),
        ("IMG_0902.jpg", "plasma:#90caf9-#ffcc80", CANON, "2021:07:03 05:50:00",
         dict(caption="Kayaking on the lake at sunrise")),
        ("DSCF1204.jpg", "plasma:#eceff1-#90a4ae", FUJI, "2024:12:28 09:30:00",
         dict(description="Snow on the rooftops of the old town", subjects=["snow", "winter"])),
        ("IMG_1502.jpg", "plasma:#5d8aa8-#c2b280", IPHONE, "2021:08:09 07:45:00",
         dict(description="Fishing boats in the harbour at low tide", subjects=["harbour", "boats"])),
        ("DSC01555.JPG", "plasma:#2e7d32-#0d47a1", NIKON, "2019:06:28 15:10:00",
         dict(caption="Graduation day on the college lawn, caps thrown in the air")),
        ("IMG_2290.jpg", "plasma:#4fc3f7-#ff7043", CANON, "2019:09:14 06:40:00",
         dict(caption="Hot air balloons rising over the valley at dawn")),
    ]
    for seed, (name, background, camera, taken, words) in enumerate(photos, start=60):
        p = picture(name, "400x300", background, blur(2), seed=seed)
        tag(p, camera, taken, **words)


# ---------------------------------------------------------------- clips

BITEXACT = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:s", "+bitexact"]
X264 = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "32", "-pix_fmt", "yuv420p",
        "-g", "12", "-threads", "1", "-x264-params", "threads=1"]


def srt(cues):
    """SubRip text for (start, end, line) cues, times in seconds."""
    def stamp(seconds):
        return f"00:00:{int(seconds):02d},{int(round(seconds % 1 * 1000)):03d}"
    return "\n".join(f"{n}\n{stamp(a)} --> {stamp(b)}\n{line}\n" for n, (a, b, line) in enumerate(cues, 1))


def drawtext(words, size, colour, y, start, end):
    words = words.replace("'", "")
    return (f"drawtext=fontfile={BOLD}:text='{words}':fontcolor={colour}:fontsize={size}"
            f":x=(w-tw)/2:y={y}:enable='between(t,{start},{end})'")


def clip(name, seconds, source, filters=None, moving=None, subtitles=None, sidecar=None,
         title=None, comment=None, created=None):
    """Encodes a clip from a lavfi source.

    moving: (colour, size) of a square drifting across the frame, so frames differ;
    subtitles: cues muxed as a stream (mov_text in MP4, srt in MKV);
    sidecar: cues written beside the clip as NAME.srt.
    """
    path = MEDIA / name
    args = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", source]
    chain = "[0:v]"
    graph = []
    if moving:
        colour, side = moving
        args += ["-f", "lavfi", "-i", f"color=c={colour}:s={side}x{side}:r=12"]
        graph.append(f"{chain}[1:v]overlay=x='mod(t*50,W-w)':y=(H-h)/2:shortest=1[m]")
        chain = "[m]"
    if filters:
        graph.append(f"{chain}{','.join(filters)}[f]")
        chain = "[f]"
    with tempfile.TemporaryDirectory() as work:
        maps = []
        if graph:
            args += ["-filter_complex", ";".join(graph)]
            maps += ["-map", chain]
        else:
            maps += ["-map", "0:v"]
        if subtitles:
            cue_file = Path(work) / "cues.srt"
            cue_file.write_text(srt(subtitles), encoding="utf-8")
            index = 2 if moving else 1
            args += ["-i", str(cue_file)]
            maps += ["-map", f"{index}:s"]
            codec = "mov_text" if path.suffix == ".mp4" else "srt"
            maps += ["-c:s", codec, "-metadata:s:s:0", "language=eng"]
        args += ["-t", str(seconds)] + maps + X264 + ["-map_metadata", "-1", "-map_chapters", "-1"]
        if title:
            args += ["-metadata", f"title={title}"]
        if comment:
            args += ["-metadata", f"comment={comment}"]
        if created:
            args += ["-metadata", f"creation_time={created}"]
        args += BITEXACT
        if path.suffix == ".mp4":
            args += ["-movflags", "+faststart"]
        run(*args, str(path))
    if created:
        CAPTURED[path.stem] = datetime.fromisoformat(created.replace("Z", "+00:00")).timestamp()
    if sidecar:
        path.with_suffix(".srt").write_text(srt(sidecar), encoding="utf-8")
    return path


def clips():
    clip("VID_20230812_101500.mp4", 10, "color=c=#3a6ea5:s=320x240:r=12", moving=("#e0e0e0", 60),
         created="2023-08-12T10:15:00Z",
         sidecar=[(0, 3, "Gulls circling over the harbour wall"),
                  (3, 7, "The ferry leaves at noon from pier seven"),
                  (7, 10, "A fishing boat comes in with the tide")])

    clip("MVI_0042.mp4", 8, "color=c=#20232a:s=480x270:r=12", created="2022-10-02T21:40:00Z",
         filters=[drawtext("PLATFORM 9", 48, "#ffd200", 70, 3, 6),
                  drawtext("NIGHT TRAIN TO VIENNA", 30, "white", 150, 3, 6)])

    clip("VID_20220214_190000.mp4", 9, "color=c=#5d4037:s=320x240:r=12", moving=("#d7ccc8", 50),
         created="2022-02-14T19:00:00Z",
         subtitles=[(0, 3, "Whisk the egg whites until they form stiff peaks"),
                    (3, 6, "Fold them gently into the melted chocolate"),
                    (6, 9, "Chill the mousse for four hours before serving")])

    clip("VID_20210522_140000.mkv", 9, "color=c=#2e7d32:s=320x240:r=12", moving=("#a5d6a7", 50),
         created="2021-05-22T14:00:00Z",
         subtitles=[(0, 3, "Welcome to the glasshouse, built in 1848"),
                    (3, 6, "The giant water lily opens only at night"),
                    (6, 9, "Its leaves can hold the weight of a small child")])

    clip("grandpa-speech.mp4", 5, "testsrc=s=320x240:r=12", created="2022-03-19T20:30:00Z",
         title="Grandpa's 80th birthday speech", comment="Recorded at the Rose and Crown, March 2022")

    clip("drone-vineyard.mkv", 6, "testsrc2=s=320x240:r=12", created="2023-09-23T16:00:00Z",
         title="Drone flight over the vineyard",
         comment="First flight with the new drone near Saint-Emilion")

    for name, colour, spot, created in [
        ("VID_20220301_090000.mp4", "#d32f2f", "#8e0000", "2022-03-01T09:00:00Z"),
        ("VID_20220302_090000.mp4", "#1565c0", "#0d2c6b", "2022-03-02T09:00:00Z"),
        ("VID_20220303_090000.mp4", "#2e7d32", "#1b5e20", "2022-03-03T09:00:00Z"),
    ]:
        clip(name, 4, f"color=c={colour}:s=320x240:r=12", moving=(spot, 70), created=created)

    clip("VID_20240102_063000.mp4", 9, "color=c=#102a43:s=480x270:r=12", created="2024-01-02T06:30:00Z",
         filters=[drawtext("GATE B12", 52, "white", 70, 1, 4),
                  drawtext("BOARDING", 40, "#7ed957", 150, 1, 4),
                  drawtext("FINAL CALL", 52, "#ff5252", 100, 5, 8)])

    clip("VID_20240101_000000.mp4", 8, "color=c=#311b92:s=480x270:r=12", created="2024-01-01T00:00:00Z",
         filters=[drawtext("HAPPY NEW YEAR", 44, "#ffd54f", 80, 4, 8),
                  drawtext("2024", 64, "white", 150, 4, 8)])

    clip("VID_20230603_193000.mp4", 9, "color=c=#4e6e58:s=320x240:r=12", moving=("#9fb8a0", 40),
         created="2023-06-03T19:30:00Z",
         sidecar=[(0, 3, "A kingfisher dives into the river"),
                  (3, 6, "Look, an otter by the far bank"),
                  (6, 9, "It slides back into the water as the light goes")])

    clip("VID_20210612_161000.mp4", 9, "color=c=#f3e5f5:s=320x240:r=12", moving=("#ce93d8", 50),
         created="2021-06-12T16:10:00Z",
         sidecar=[(0, 3, "Jo and Mark cut the cake"),
                  (3, 6, "Their first dance as a married couple"),
                  (6, 9, "The best man starts his speech")])

    clip("MVI_0107.mp4", 8, "color=c=#1d2b64:s=480x270:r=12", created="2023-07-14T21:10:00Z",
         title="Riverside Park, Saturday night", comment="Live set from the main stage",
         filters=[drawtext("SUMMER JAZZ FESTIVAL", 36, "#f7c948", 110, 2, 7)])

    clip("yoga-basics.mp4", 9, "color=c=#ffe0b2:s=320x240:r=12", moving=("#ffab91", 50),
         created="2022-01-10T07:00:00Z", title="Morning yoga for beginners",
         subtitles=[(0, 3, "Breathe in and lift your arms"),
                    (3, 6, "Now downward dog, hold it for five breaths"),
                    (6, 9, "Finish lying still on your back")])


# ---------------------------------------------------------------- main

def fix_times():
    """Gives every file its capture time as mtime, so `mlib show` output repeats."""
    default = datetime(2024, 12, 31, tzinfo=timezone.utc).timestamp()
    for path in MEDIA.iterdir():
        moment = CAPTURED.get(path.name) or CAPTURED.get(path.stem) or default
        os.utime(path, (moment, moment))


def check_sizes():
    for path in sorted(MEDIA.iterdir()):
        limit = MAX_VIDEO_BYTES if path.suffix in (".mp4", ".mkv") else MAX_IMAGE_BYTES
        if path.suffix != ".srt" and path.stat().st_size > limit:
            sys.exit(f"make_media: {path.name} is {path.stat().st_size} bytes, over {limit}")


def main():
    for tool in ("convert", "exiftool", "ffmpeg"):
        if shutil.which(tool) is None:
            sys.exit(f"make_media: '{tool}' not found; install it (make deps) and run again")
    if not Path(BOLD).is_file():
        sys.exit(f"make_media: {BOLD} not found; install fonts-dejavu-core")
    if MEDIA.exists():
        shutil.rmtree(MEDIA)
    MEDIA.mkdir()
    signs()
    colours()
    captioned()
    clips()
    fix_times()
    check_sizes()
    total = sum(p.stat().st_size for p in MEDIA.iterdir())
    print(f"wrote {len(list(MEDIA.iterdir()))} files, {total / 1e6:.1f} MB, to {MEDIA}")


if __name__ == "__main__":
    main()
