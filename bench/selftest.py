#!/usr/bin/env python3
"""Smoke test of the benchmark tools, without mlib.

    python3 bench/selftest.py            # or: python3 bench/selftest.py --keep DIR

Generates a small library twice (checking it comes out byte-identical), checks
the JPEGs' EXIF with exiftool, builds an FTS5 table shaped like mlib's
`item_fts` from the notes, writes queries, checks that every query has a hit
under AND semantics, and runs bench/reference.py on it.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402
import queries as query_tool  # noqa: E402
import reference  # noqa: E402

SCHEMA = """
CREATE TABLE items(id INTEGER PRIMARY KEY, path BLOB NOT NULL, path_text TEXT NOT NULL, kind TEXT NOT NULL);
CREATE VIRTUAL TABLE item_fts USING fts5(
    title, body, keywords, subtitle, name, metadata,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""


def digest(root):
    h = hashlib.sha256()
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            h.update(os.path.relpath(path, root).encode())
            with open(path, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def build_library(root, path):
    """An SQLite file with mlib's items/item_fts shape, filled from the notes."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    for note in query_tool.note_paths(os.path.join(root, "notes")):
        with open(note, encoding="utf-8") as f:
            text = f.read()
        tags = re.search(r"^tags: \[(.*)\]$", text, re.M)
        title = re.search(r"^# (.*)$", text, re.M).group(1)
        name = " ".join(re.findall(r"[A-Za-z0-9]+", os.path.basename(note)))
        cursor = db.execute(
            "INSERT INTO items(path, path_text, kind) VALUES (?, ?, 'text')", (note.encode(), note)
        )
        db.execute(
            "INSERT INTO item_fts(rowid, title, body, keywords, subtitle, name, metadata) VALUES (?, ?, ?, ?, '', ?, '')",
            (cursor.lastrowid, title, text, tags.group(1).replace(",", " ") if tags else "", name),
        )
    db.commit()
    db.close()


def check(condition, message):
    if not condition:
        raise SystemExit(f"selftest: FAILED: {message}")
    print(f"ok  {message}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", help="write into this folder and leave it")
    args = parser.parse_args()

    work = args.keep or tempfile.mkdtemp(prefix="mlib-bench-selftest-")
    try:
        one, two = os.path.join(work, "one"), os.path.join(work, "two")
        for out in (one, two):
            generate.main(["--notes", "600", "--images", "40", "--videos", "2", "--out", out, "--seed", "5", "--clean"])
        check(digest(one) == digest(two), "generator output is deterministic")

        counts = {part: sum(len(f) for _, _, f in os.walk(os.path.join(one, part))) for part in ("notes", "images", "videos")}
        check(counts == {"notes": 600, "images": 40, "videos": 2}, f"generator wrote the requested files {counts}")
        per_folder = max(len(files) for _, _, files in os.walk(one))
        check(per_folder <= generate.FILES_PER_FOLDER, f"at most {generate.FILES_PER_FOLDER} files per folder ({per_folder})")

        words = [len(re.findall(r"\w+", open(p, encoding="utf-8").read().split("\n# ", 1)[-1]))
                 for p in query_tool.note_paths(os.path.join(one, "notes"))]
        check(min(words) >= 50 and max(words) <= 440, f"notes have 50-400 body words (min {min(words)}, max {max(words)})")

        image = os.path.join(one, "images", "batch-0000", "img-000003.jpg")
        if shutil.which("exiftool"):
            tags = json.loads(subprocess.run(["exiftool", "-j", "-n", "-EXIF:all", image],
                                             capture_output=True, check=True, text=True).stdout)[0]
            check(tags.get("Make") in {make for make, _ in generate.CAMERAS}, f"exiftool reads Make ({tags.get('Make')})")
            check("(frame 3)" in tags.get("ImageDescription", ""), "exiftool reads ImageDescription")
            check(re.fullmatch(r"\d{4}:\d\d:\d\d \d\d:\d\d:\d\d", tags.get("DateTimeOriginal", "")) is not None,
                  f"exiftool reads DateTimeOriginal ({tags.get('DateTimeOriginal')})")
            check(-90 <= tags.get("GPSLatitude", 999) <= 90, "exiftool reads GPSLatitude")
        if shutil.which("identify"):
            subprocess.run(["identify", "-regard-warnings", image], check=True, capture_output=True)
            check(True, "ImageMagick decodes the generated JPEG")

        library = os.path.join(work, "library.sqlite")
        if os.path.exists(library):
            os.remove(library)
        build_library(one, library)
        lines = query_tool.make_queries(query_tool.note_paths(one), 200, 7)
        check(lines == query_tool.make_queries(query_tool.note_paths(one), 200, 7), "queries are deterministic")
        check(len(lines) == 200 and all(2 <= len(q.split()) <= 3 for q in lines), "200 queries of 2-3 words")

        db = sqlite3.connect(library)
        empty = [q for q in lines
                 if not db.execute("SELECT 1 FROM item_fts WHERE item_fts MATCH ? LIMIT 1", (reference.fts_query(q),)).fetchone()]
        db.close()
        check(not empty, f"every query has a hit under AND ({len(empty)} without: {empty[:3]})")

        queries_file = os.path.join(work, "queries.txt")
        with open(queries_file, "w") as f:
            f.write("\n".join(lines) + "\n")
        output = subprocess.run([sys.executable, os.path.join(HERE, "reference.py"), library, queries_file, "--limit", "20"],
                                capture_output=True, check=True, text=True).stdout
        result = json.loads(output)
        check(result["queries"] == 200 and result["p50_ms"] <= result["p95_ms"] and result["hits"] >= 200,
              f"reference.py runs: {output.strip()}")
        check(reference.percentile([1, 2, 3, 4], 50) == 2 and reference.percentile(list(range(1, 201)), 95) == 190,
              "nearest-rank percentiles")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
