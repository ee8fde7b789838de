#!/usr/bin/env bash
# CLIP ViT-B/32 at its real size (random weights): mlib's engine next to PyTorch
# (transformers' CLIPModel) in the same run, with the same thread count (1, then 2):
# milliseconds per image and per text, one item at a time and in batches.
#
# Usage: bench/clip.sh [--items N] [--batch B]
# Environment:
#   MLIB_BENCH  the mlib-bench binary (default .build/release/mlib-bench)
#   PYTHON      a Python with torch, transformers and safetensors (default python3,
#               when it can import them)
#   CLIP_BENCH  scratch folder for the generated model (default .build/clip-bench);
#               the ~600 MB of weights are made once and never committed
#
# Without such a Python the benchmark is skipped with a message (exit 0): the model
# and the inputs come from transformers, so there is nothing to compare against.
# Each line of output is a JSON record; "cpu_ms_per_item" is the process's CPU time,
# which other work on a busy machine inflates less than the wall clock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
items=32
batch=16
while (( $# )); do
    case "$1" in
        --items) items="$2"; shift 2 ;;
        --batch) batch="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "clip bench: unknown argument '$1' (see --help)" >&2; exit 1 ;;
    esac
done
log() { echo "clip bench: $*" >&2; }

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1 || ! "$python" -c 'import torch, transformers, safetensors' 2>/dev/null; then
    log "skipped: no Python with torch, transformers and safetensors (set PYTHON to one)"
    exit 0
fi

MLIB_BENCH="${MLIB_BENCH:-$root/.build/release/mlib-bench}"
if [[ ! -x "$MLIB_BENCH" ]]; then
    log "building mlib-bench (release)"
    swift build -c release --product mlib-bench >&2
fi

scratch="${CLIP_BENCH:-$root/.build/clip-bench}"
model="$scratch/vit-b-32"
if [[ ! -f "$model/expected.json" ]]; then
    log "generating a random ViT-B/32 in $model"
    mkdir -p "$model"
    "$python" bench/clip_reference.py make "$model" --tokenizer Tests/Fixtures/models/tiny-clip 2>/dev/null
fi

for threads in 1 2; do
    log "$threads thread(s)"
    OPENBLAS_NUM_THREADS=$threads "$MLIB_BENCH" clip "$model" --pixels "$model/pixels.bin" --texts "$model/texts.txt" \
        --expect "$model/expected.json" --items "$items" --batch "$batch"
    OMP_NUM_THREADS=$threads "$python" bench/clip_reference.py time "$model" --threads "$threads" --items "$items" --batch "$batch" 2>/dev/null
done
