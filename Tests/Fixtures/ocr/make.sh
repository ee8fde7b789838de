#!/usr/bin/env bash
# Regenerates the OCR fixtures for TextRecognizerTests and TextLikelihoodTests:
# pictures with known text (poster, street signs, a one-word sign, a close-up of a
# word, screenshot, caption on a photo), scikit-image's sample photos without text,
# and expected.json (the words each shows).
# Needs python3 with Pillow and scikit-image (PYTHON=… to choose one; otherwise
# `python3 -m pip install pillow scikit-image`) and the DejaVu fonts (fonts-dejavu-core).
# Run from anywhere: ./Tests/Fixtures/ocr/make.sh
set -euo pipefail
cd "$(dirname "$0")"
python="${PYTHON:-python3}"
if ! "$python" -c 'import PIL, skimage' 2>/dev/null; then
    echo "ocr fixtures: $python lacks Pillow or scikit-image; run: $python -m pip install pillow scikit-image" >&2
    exit 1
fi
rm -f ./*.png ./*.jpg expected.json
"$python" make.py
