#!/usr/bin/env bash
# Makes the fixtures of the picture decoder, frame sampler and thumbnail tests
# (PictureDecoderTests, FrameSamplerTests, ThumbnailEncoderTests).
# Needs ImageMagick 6, exiftool, ffmpeg 5.1 (with libx264, libx265 and libaom) and python3.
# Re-runnable: every output is overwritten. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ff=(ffmpeg -hide_banner -loglevel error -y)
exact=(-fflags +bitexact -flags:v +bitexact -map_metadata -1)
x264=(-c:v libx264 -preset ultrafast -crf 36 -pix_fmt yuv420p -x264-params no-info=1)
et() { exiftool -q -overwrite_original -n "$@"; }

rm -f ./*.jpg ./*.png ./*.gif ./*.webp ./*.tiff ./*.bmp ./*.avif ./*.heic ./*.mp4 ./*.mkv ./*.ts ./*.txt

# --- Pictures ---------------------------------------------------------------

# An upright 64x32 picture of eight 16x16 blocks in distinct colours: any turn or
# mirror shows. Blocks on JPEG's 16-pixel grid keep compression error small.
convert -size 16x16 xc:'#e02020' xc:'#20c020' xc:'#2040e0' xc:'#f0f0f0' +append "$work/top.png"
convert -size 16x16 xc:'#f0e020' xc:'#20d0d0' xc:'#d020d0' xc:'#202020' +append "$work/bottom.png"
convert "$work/top.png" "$work/bottom.png" -append -strip -define png:exclude-chunks=date,time upright.png

# orientation-N.jpg stores the upright picture so that EXIF orientation N turns it
# back upright; ImageMagick's -auto-orient checks each one independently of mlib.
undo=(none -flop "-rotate 180" -flip -transpose "-rotate 270" -transverse "-rotate 90")
for n in 1 2 3 4 5 6 7 8; do
    operation=${undo[$((n - 1))]}
    if [ "$operation" = none ]; then operation=""; fi
    # shellcheck disable=SC2086
    convert upright.png $operation -strip -sampling-factor 1x1 -quality 95 "orientation-$n.jpg"
    et -EXIF:Orientation="$n" "orientation-$n.jpg"
    convert "orientation-$n.jpg" -auto-orient "$work/check.png"
    difference=$(compare -metric AE -fuzz 10% "$work/check.png" upright.png null: 2>&1 || true)
    if [ "$difference" != 0 ]; then
        echo "orientation-$n.jpg does not turn back upright ($difference pixels differ)" >&2
        exit 1
    fi
done

# Photographic detail: a seeded plasma, as JPEG 4:2:0, progressive JPEG, CMYK JPEG,
# WebP, TIFF, BMP, a palette PNG and a first-frame-of-three GIF.
convert -seed 11 -size 96x64 plasma:orange-navy -depth 8 -strip "$work/plasma.ppm"
convert "$work/plasma.ppm" -sampling-factor 2x2 -quality 90 photo.jpg
convert "$work/plasma.ppm" -interlace JPEG -quality 85 progressive.jpg
convert "$work/plasma.ppm" -colorspace CMYK -quality 95 cmyk.jpg
convert "$work/plasma.ppm" -quality 80 photo.webp
convert "$work/plasma.ppm" -compress lzw photo.tiff
convert "$work/plasma.ppm" -type truecolor bmp3:photo.bmp
convert "$work/plasma.ppm" -colors 64 -define png:exclude-chunks=date,time PNG8:palette.png
convert "$work/plasma.ppm" \( "$work/plasma.ppm" -negate \) \( "$work/plasma.ppm" -rotate 180 \) \
    -set delay 20 -loop 0 animation.gif
"${ff[@]}" -i "$work/plasma.ppm" -c:v libaom-av1 -still-picture 1 -crf 30 -cpu-used 8 photo.avif
cp ../images/image.heic photo.heic

# PNGs written byte by byte, so the stored values are exactly known: grey, grey with
# alpha, RGBA whose transparent pixels keep their colour, and 16-bit RGB.
python3 - <<'PY'
import struct, zlib

def png(name, width, height, colour_type, depth, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\0" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0)
    with open(name, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

w, h = 40, 24
png("grey.png", w, h, 0, 8, [bytes((x * 6 + y * 3) % 256 for x in range(w)) for y in range(h)])
png("grey-alpha.png", w, h, 4, 8, [bytes(v for x in range(w) for v in ((x * 6) % 256, (y * 10) % 256)) for y in range(h)])
# Alpha falls from opaque (top) to fully transparent (bottom); the colour does not.
png("alpha.png", w, h, 6, 8,
    [bytes(v for x in range(w) for v in (200, (x * 6) % 256, 40 + y, 255 - y * 255 // (h - 1))) for y in range(h)])
png("deep.png", w, h, 2, 16,
    [b"".join(struct.pack(">HHH", x * 1600 + y * 7, 65535 - x * 1500, y * 2700 + x) for x in range(w)) for y in range(h)])
PY
convert alpha.png -quality 90 -define webp:alpha-quality=100 alpha.webp

# A 12000x9000 smooth JPEG, 700 KB on disk: 108 megapixels if decoded whole.
"${ff[@]}" -f lavfi -i "gradients=s=12000x9000:c0=0x203060:c1=0xe0a040:n=2:seed=1" -frames:v 1 \
    -pix_fmt yuvj420p -q:v 31 "${exact[@]}" huge.jpg

# Broken and foreign files.
head -c 2000 photo.jpg >truncated.jpg
python3 -c '
import sys
data = bytearray(open("palette.png", "rb").read())
start = data.index(b"IDAT") + 8
data[start:start + 40] = bytes(40)           # zeroed compressed data: zlib fails
sys.stdout.buffer.write(bytes(data))' >corrupt.png
: >empty.jpg
printf 'Not a picture at all, just a note saved as .jpg\n' >note.jpg

# --- Videos -----------------------------------------------------------------

# Constant 25 fps, 12 s: keyframes every 12 frames (dense) and only at the start (sparse).
"${ff[@]}" -f lavfi -i "testsrc2=size=96x54:rate=25:duration=12" "${exact[@]}" "${x264[@]}" \
    -g 12 -keyint_min 12 -sc_threshold 0 cfr-dense.mp4
"${ff[@]}" -f lavfi -i "testsrc2=size=96x54:rate=25:duration=12" "${exact[@]}" "${x264[@]}" \
    -g 1000 -keyint_min 1000 -sc_threshold 0 -bf 2 cfr-sparse.mp4
# Variable frame rate: 30 fps with frames dropped unevenly, timestamps kept; in Matroska.
"${ff[@]}" -f lavfi -i "testsrc2=size=96x54:rate=30:duration=10" \
    -vf "select='lt(mod(n\,7)\,3)+between(t\,4\,5)'" -fps_mode vfr "${exact[@]}" "${x264[@]}" -g 20 vfr.mkv
# Two minutes at 5 fps with a keyframe every second: a small frame budget makes the
# sampler jump from target to target.
"${ff[@]}" -f lavfi -i "testsrc2=size=32x18:rate=5:duration=120" "${exact[@]}" "${x264[@]}" -g 5 long.mp4
# No index at all: MPEG-TS, keyframes every second.
"${ff[@]}" -f lavfi -i "testsrc2=size=96x54:rate=25:duration=6" "${exact[@]}" "${x264[@]}" -g 25 stream.ts
# A phone held upright: 160x90 stored, a display matrix turning it 90° clockwise.
"${ff[@]}" -f lavfi -i "testsrc2=size=160x90:rate=10:duration=3" "${exact[@]}" "${x264[@]}" -g 10 rotated.mp4
et -Rotation=90 rotated.mp4
# 10-bit H.264 and 10-bit HEVC.
"${ff[@]}" -f lavfi -i "testsrc2=size=96x54:rate=25:duration=3" "${exact[@]}" -c:v libx264 -preset ultrafast \
    -crf 36 -pix_fmt yuv420p10le -x264-params no-info=1 -g 25 ten-bit.mp4
"${ff[@]}" -f lavfi -i "testsrc2=size=96x54:rate=25:duration=3" "${exact[@]}" -c:v libx265 -preset ultrafast \
    -crf 36 -pix_fmt yuv420p10le -x265-params log-level=error:keyint=25 -tag:v hvc1 ten-bit-hevc.mp4
# One frame; and an MP4 whose only track never got a sample (no streams at all).
"${ff[@]}" -f lavfi -i "testsrc2=size=160x90:rate=25" -frames:v 1 "${exact[@]}" "${x264[@]}" one-frame.mp4
"${ff[@]}" -f lavfi -i "testsrc2=size=160x90:rate=25" -frames:v 0 "${exact[@]}" "${x264[@]}" no-frames.mp4

ls -l
