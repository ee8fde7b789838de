#!/usr/bin/env bash
# Indexing a folder of 1,000 photos end to end (type, metadata, decode, colours, OCR
# with --ocr auto, thumbnail, a picture segment), without a picture model and with a
# CLIP ViT-B/32 of the real size (random weights: weights do not change speed).
#
# Usage: bench/index-pictures.sh [--count N]
# Environment: MLIB (default .build/release/mlib), BENCH_DATA (default bench-data/),
#   CLIP_BENCH (where bench/clip.sh leaves its random ViT-B/32; made here if the
#   reference venv is given as PYTHON, skipped otherwise).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count=1000
while (( $# )); do
    case "$1" in
        --count) count="$2"; shift 2 ;;
        *) echo "index-pictures bench: unknown argument '$1'" >&2; exit 1 ;;
    esac
done
MLIB="${MLIB:-$root/.build/release/mlib}"
data="${BENCH_DATA:-$root/bench-data}/photos-$count"
log() { echo "index-pictures bench: $*" >&2; }

# 2000×1500 photo-like JPEGs (moving gradients under film grain), ~3 MP each, made in
# one ffmpeg run; kept between runs.
if [[ ! -f "$data/.done" ]]; then
    log "making $count photos in $data"
    rm -rf "$data" && mkdir -p "$data"
    ffmpeg -nostdin -hide_banner -loglevel error -f lavfi \
        -i "gradients=size=2000x1500:rate=5:speed=0.05:n=4:seed=7" \
        -vf "noise=alls=18:allf=t" -frames:v "$count" -q:v 3 "$data/IMG_%04d.jpg"
    touch "$data/.done"
fi

models="$(mktemp -d)"
trap 'rm -rf "$models" "$scratch"' EXIT
scratch="$(mktemp -d)"
ln -s "$root/models/all-MiniLM-L6-v2" "$models/all-MiniLM-L6-v2"

run() {  # run LABEL ARGS… -> seconds
    local label="$1"; shift
    rm -rf "$scratch/lib"*
    local start end
    start=$(date +%s.%N)
    "$MLIB" --models "$models" --library "$scratch/lib.sqlite" index --quiet "$@" "$data" >&2 || true
    end=$(date +%s.%N)
    python3 -c "s=$end-$start; print(f'| $label | {s:.1f} s | {$count/s:.1f} photos/s |')"
}

echo "| run | wall | rate |"
echo "|---|---|---|"
run "pixels without OCR (--ocr off), no picture model" --ocr off --no-embed
run "pictures, --ocr auto, no picture model" --no-embed
run "pictures, --ocr on, no picture model" --ocr on --no-embed
clip="${CLIP_BENCH:-$root/.build/clip-bench}/vit-b-32"
if [[ -f "$clip/model.safetensors" ]]; then
    ln -s "$clip" "$models/clip-vit-base-patch32"
    run "pictures, --ocr auto, CLIP ViT-B/32 (1 vector per photo)"
else
    log "no random ViT-B/32 at $clip (run bench/clip.sh with PYTHON set to the reference venv first); CLIP row skipped"
fi
