#!/usr/bin/env bash
# OCR's cost per picture, with `--ocr auto` and `--ocr on`, on a folder of photos
# without text and a folder of screenshots (and one of text in pictures: posters,
# signs, captions); the cost of auto's text detector (TextLikelihood) alone, and how
# many pictures of each folder it lets through to OCR.
#
# Usage: bench/ocr.sh [--quick] [--count N] [--size WxH]
#   --quick   4 pictures of each kind instead of 16 (smoke test only)
#   --count   pictures of each kind (default 16; photos take 18 MB each as PPM)
#   --size    photo size (default 3000x2000, a 6-megapixel camera)
#
# Environment: MLIB_BENCH (default .build/release/mlib-bench, built if missing),
# BENCH_DATA (default bench-data/), PYTHON (needs Pillow and scikit-image; installed
# with pip when missing).
#
# Pictures are binary PPM, made by bench/ocr_pictures.py into bench-data/ocr/, so the
# times hold no decoding. Each cell is `mlib-bench ocr FOLDER --mode M`: one process,
# one TextRecognizer (English), pictures read one after another on one thread.
# Start-up (loading Tesseract and its English model) is reported apart.
# The Markdown block is printed and written to bench-data/ocr-results.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

count=16
size=3000x2000
while (( $# )); do
    case "$1" in
        --quick) count=4 ;;
        --count) count="$2"; shift ;;
        --size) size="$2"; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown argument '$1' (see --help)" >&2; exit 1 ;;
    esac
    shift
done

BENCH="${MLIB_BENCH:-$root/.build/release/mlib-bench}"
DATA="${BENCH_DATA:-$root/bench-data}"
PYTHON="${PYTHON:-python3}"
log() { echo "bench: $*" >&2; }
if [[ ! -x "$BENCH" ]]; then
    log "building mlib-bench (release)"
    swift build -c release --product mlib-bench >&2
fi
"$PYTHON" -c 'import PIL, skimage' 2>/dev/null || "$PYTHON" -m pip install -q pillow scikit-image

out="$DATA/ocr"
stamp="$out/.made-$count-$size"
if [[ ! -f "$stamp" ]]; then
    log "making $count photos ($size) and $count screenshots in $out"
    rm -rf "$out"
    "$PYTHON" bench/ocr_pictures.py "$out" --count "$count" --size "$size"
    touch "$stamp"
fi

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A result
for folder in photos screenshots scenes; do
    for mode in auto on; do
        log "$folder, --ocr $mode"
        result[$folder-$mode]=$("$BENCH" ocr "$out/$folder" --mode "$mode" --languages eng)
    done
done
field() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

{
    echo "### OCR ($(date -u +%Y-%m-%d), $(nproc) cores, load $load_start at start, tesseract $(dpkg-query -W -f='${Version}' libtesseract5 2>/dev/null || echo '?'))"
    echo
    echo "ms per picture, one thread; $count pictures of each kind; photos $size, screenshots 1280×800 to 1920×1080,"
    echo "scenes (posters, signs, captions, words on photos) about 1–2 megapixels."
    echo
    echo "| folder | --ocr auto | --ocr on | auto's detector alone | read by auto | with text (auto / on) |"
    echo "| --- | --- | --- | --- | --- | --- |"
    for folder in photos screenshots scenes; do
        a="${result[$folder-auto]}"
        o="${result[$folder-on]}"
        echo "| $folder | $(field "$a" ms_per_image) | $(field "$o" ms_per_image) | $(field "$a" detector_ms_per_image) | $(field "$a" read)/$(field "$a" images) | $(field "$a" with_text) / $(field "$o" with_text) |"
    done
    echo
    echo "Start-up (Tesseract and the English model, once per process): $(field "${result[photos-auto]}" startup_ms) ms."
} | tee "$DATA/ocr-results.md"
