#!/usr/bin/env bash
# Makes the text-note fixtures: notes in several formats and encodings, plus files
# whose content disagrees with their name. Deterministic; safe to re-run.
# Usage: Tests/Fixtures/notes/make.sh   (needs bash and python3)
set -euo pipefail
cd "$(dirname "$0")"

cat > beach-day.md <<'NOTE'
---
date: 2024-07-14
tags: [summer, "sea side", lisbon]
keywords:
  - sand
  - waves
---

# Beach day in Lisbon

We took the early train to Cascais. The water was cold but clear, and the
kids built a sand castle with a moat.

Lunch was grilled sardines at a small place by the harbour.
NOTE

cat > garden.org <<'NOTE'
#+TITLE: Garden log
#+FILETAGS: :garden:spring:
#+AUTHOR: Ana

* Tomatoes                                                        :veggies:
Planted six seedlings along the south fence.

* Roses
Pruned the climbing rose by the gate.
NOTE

printf 'Café notes\n\nA café crème and a crème brûlée at the naïve façade of São Paulo.\n' > accents.txt

printf '\xef\xbb\xbfUTF-8 with a mark\n\nThe mark must not show in the title.\n' > utf8-bom.txt

python3 - <<'PY'
text = "Notes d'été\n\nLe soleil brille sur la plage de Biarritz.\n"
open("utf16le.txt", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
open("utf16be.txt", "wb").write(b"\xfe\xff" + text.encode("utf-16-be"))
open("latin1.txt", "wb").write("Résumé de la journée\n\nCafé crème à Genève, très agréable.\n".encode("latin-1"))
open("crlf.txt", "wb").write(b"Shopping list\r\n\r\nmilk\r\nbread\r\neggs\r\n")
open("chinese.txt", "wb").write("夏日海滩\n\n我们在夏日海滩散步，看日落。\n海滩\n".encode("utf-8"))
open("emoji.md", "wb").write("# Party 🎉\n\nCake 🎂 and balloons 🎈 for the whole family 👩‍👩‍👧.\n".encode("utf-8"))

# A long note for passage splitting: 16 paragraphs of about 450 characters.
words = ("river mountain lantern harbour meadow pebble orchard thunder violet "
         "compass granite willow ember canyon saffron glacier").split()
paragraphs = []
for p in range(16):
    sentence_words = [words[(p * 7 + i * 3) % len(words)] for i in range(64)]
    sentences = [" ".join(sentence_words[i:i + 8]).capitalize() + "." for i in range(0, 64, 8)]
    paragraphs.append(f"Paragraph {p + 1}. " + " ".join(sentences))
open("long.md", "w").write("# A long walk\n\n" + "\n\n".join(paragraphs) + "\n")

# A PNG (8x8, solid blue) named like a note: type goes by content.
import struct, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
raw = b"".join(b"\x00" + b"\x00\x00\xff" * 8 for _ in range(8))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
open("picture.txt", "wb").write(png)

# Random bytes named like a video.
import random
rng = random.Random(20240714)
open("random.mp4", "wb").write(bytes(rng.randrange(256) for _ in range(4096)))
PY

: > empty.txt
