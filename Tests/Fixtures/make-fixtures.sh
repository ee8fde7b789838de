#!/usr/bin/env bash
# Makes every committed test fixture: small notes, images and videos, good and broken.
# Needs ImageMagick, exiftool, ffmpeg and python3 (`make deps` installs them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for area in notes images videos pictures ocr; do
    if [ -f "$here/$area/make.sh" ]; then
        echo "fixtures: $area"
        bash "$here/$area/make.sh"
    fi
done
