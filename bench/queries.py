#!/usr/bin/env python3
"""Write benchmark queries: 2-3 words that occur together in one generated note.

    bench/queries.py --notes-dir DIR --count 200 --seed 7 --out queries.txt

DIR is the generator's --out folder (or its notes/ folder). Each query takes the
words of one randomly chosen note, drops the 50 most frequent words of the
vocabulary (they act as stop words), and draws 2 or 3 distinct words weighted by
how often they occur in that note, so every AND query has at least one hit and
common words appear as often as users would type them. One query per line,
words separated by spaces. The same notes and seed give the same queries.
"""

import argparse
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vocabulary  # noqa: E402

SKIP_MOST_FREQUENT = 50
WORD = re.compile(r"[a-z]+")


def note_paths(root):
    paths = []
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        for name in sorted(files):
            if name.endswith((".md", ".txt")):
                paths.append(os.path.join(folder, name))
    return paths


def candidate_words(path):
    with open(path, encoding="utf-8") as f:
        text = f.read().lower()
    return [
        word
        for word in WORD.findall(text)
        if vocabulary.RANK.get(word, 0) > SKIP_MOST_FREQUENT
    ]


def make_queries(paths, count, seed):
    rng = random.Random(seed)
    queries = []
    attempts = 0
    while len(queries) < count:
        attempts += 1
        if attempts > count * 50:
            raise SystemExit("queries: the notes are too short to make queries from")
        words = candidate_words(rng.choice(paths))
        size = rng.choice([2, 2, 3])
        if len(set(words)) < size:
            continue
        chosen = []
        while len(chosen) < size:
            word = rng.choice(words)
            if word not in chosen:
                chosen.append(word)
        queries.append(" ".join(chosen))
    return queries


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes-dir", required=True, help="the generator's output folder")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", help="file to write (default: standard output)")
    args = parser.parse_args(argv)

    paths = note_paths(args.notes_dir)
    if not paths:
        raise SystemExit(f"queries: no notes under {args.notes_dir}; run bench/generate.py first")
    text = "\n".join(make_queries(paths, args.count, args.seed)) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
