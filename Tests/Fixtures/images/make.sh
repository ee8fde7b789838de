#!/usr/bin/env bash
# Regenerates the image fixtures for ImageExtractorTests, ImageMetadataGapsTests and
# the colour and uniformity tests.
# Needs ImageMagick 6 (`convert`, with webp and heic delegates, and the DejaVu fonts),
# exiftool and python3.
# Run from anywhere: ./Tests/Fixtures/images/make.sh
set -euo pipefail
cd "$(dirname "$0")"

et() { exiftool -q -overwrite_original -n "$@"; }
# Pixels from a seeded plasma so the files are stable across runs.
pixels() { convert -seed 7 -size 64x48 plasma:red-blue -strip "$@"; }

rm -f ./*.jpg ./*.png ./*.gif ./*.bmp ./*.tiff ./*.webp ./*.heic ./*.xmp

# A JPEG with everything: EXIF (southern/western GPS below sea level), XMP, IPTC in UTF-8.
pixels full.jpg
et -charset iptc=UTF8 \
  -EXIF:DateTimeOriginal='2024:06:01 14:03:22' -EXIF:OffsetTimeOriginal='-03:00' \
  -EXIF:Make='Canon' -EXIF:Model='Canon EOS R6' -EXIF:Orientation=6 \
  -GPSLatitude=33.856784 -GPSLatitudeRef=S -GPSLongitude=70.651234 -GPSLongitudeRef=W \
  -GPSAltitude=12.5 -GPSAltitudeRef=1 \
  -EXIF:ImageDescription='Harbour at dusk' -EXIF:UserComment='Shot from the pier' \
  -EXIF:Artist='Ana Souza' -EXIF:Copyright='(c) 2024 Ana Souza' \
  -XMP-dc:Title='Red boats' -XMP-dc:Description='Red boats in the harbour' \
  -XMP-dc:Subject=boats -XMP-dc:Subject=harbour -XMP-dc:Subject='Café' \
  -IPTC:CodedCharacterSet=UTF8 -IPTC:ObjectName='Boats (IPTC)' \
  -IPTC:Caption-Abstract='Red boats in the harbour' \
  -IPTC:Keywords='Café' -IPTC:Keywords=boats -IPTC:Keywords='pier' \
  full.jpg

# Northern/eastern GPS above sea level, little-endian EXIF, a Unicode UserComment,
# IPTC in Latin-1 (no CodedCharacterSet) and no XMP: the title comes from IPTC.
pixels north.jpg
et -charset iptc=Latin -ExifByteOrder=II \
  -EXIF:DateTimeOriginal='2023:12:24 09:15:00' -EXIF:Make='NIKON CORPORATION' -EXIF:Model='NIKON Z 6' \
  -EXIF:Orientation=1 \
  -GPSLatitude=59.913868 -GPSLatitudeRef=N -GPSLongitude=10.752245 -GPSLongitudeRef=E \
  -GPSAltitude=23.25 -GPSAltitudeRef=0 \
  -EXIF:UserComment='Über den Wolken – 雲' \
  -IPTC:ObjectName='Nordsee' -IPTC:Caption-Abstract='Mädchen am Strand' \
  -IPTC:Keywords='Café' -IPTC:Keywords='Strand' \
  north.jpg

# Other containers, each with what exiftool can write into it.
pixels -define png:exclude-chunks=date,time image.png
et -EXIF:Make='Google' -EXIF:Model='Pixel 8' -EXIF:DateTimeOriginal='2024:02:29 23:59:59' \
  -XMP-dc:Title='PNG title' -XMP-dc:Subject=png -XMP-dc:Subject=screenshot image.png
pixels image.gif
et -XMP-dc:Title='GIF title' -XMP-dc:Subject=gif image.gif
pixels -type truecolor bmp3:image.bmp
pixels -compress none image.tiff
et -EXIF:Make='Nikon' -EXIF:Model='D850' -EXIF:Artist='T. Iff' -EXIF:Orientation=8 \
  -EXIF:DateTimeOriginal='2020:01:02 03:04:05' -XMP-dc:Title='TIFF title' \
  -IPTC:Caption-Abstract='TIFF caption' -IPTC:Keywords=tiff image.tiff
pixels -quality 80 image.webp
et -EXIF:Make='Fujifilm' -EXIF:Model='X-T5' -EXIF:DateTimeOriginal='2022:07:14 18:00:00' \
  -XMP-dc:Title='WebP title' -XMP-dc:Subject=webp image.webp
pixels -define webp:lossless=true lossless.webp
pixels -quality 60 lossy.webp
pixels -quality 50 image.heic
et -EXIF:Make='Apple' -EXIF:Model='iPhone 15' -EXIF:DateTimeOriginal='2024:03:03 10:00:00' image.heic

# TIFF as libtiff writers (ImageMagick, scanners) lay it out: the pixels first,
# IFD0 after them past 64 KB, and camera, date and caption in IFD0's own tags
# (no EXIF directory), which libexif cannot reach.
convert -size 160x140 gradient:navy-orange -depth 8 -compress none -orient RightTop \
  -define tiff:make='EPSON' -define tiff:model='Perfection V600' -define tiff:timestamp='2019:05:06 07:08:09' \
  -define tiff:artist='Scan Desk' -define tiff:copyright='(c) Family archive' -set comment 'Grandma at the lake' \
  -define tiff:software=mlib scan.tiff
# Big-endian TIFF tagged by exiftool: IFD0 plus EXIF and GPS directories.
pixels -endian MSB -compress none camera.tiff
et -EXIF:Make='Hasselblad' -EXIF:Model='X2D 100C' -EXIF:Orientation=3 \
  -EXIF:DateTimeOriginal='2023:08:09 10:11:12' -EXIF:OffsetTimeOriginal='+02:00' \
  -GPSLatitude=46.5 -GPSLatitudeRef=N -GPSLongitude=7.25 -GPSLongitudeRef=E camera.tiff

# PNG converted by ImageMagick from a JPEG: EXIF in an eXIf chunk after the pixels,
# XMP and IPTC only as zTXt "Raw profile type xmp/iptc/8bim" chunks.
convert full.jpg -define png:exclude-chunks=date,time converted.png
# EXIF as ImageMagick wrote it before PNG had an eXIf chunk (and as files from
# those years still carry it): hex text in a "Raw profile type exif" chunk,
# compressed (zTXt), plain (tEXt) and international (iTXt).
pixels -resize 8x6 -define png:exclude-chunks=date,time raw.png
pixels exif-source.jpg
et -EXIF:Make='OLYMPUS IMAGING CORP.' -EXIF:Model='E-M1' -EXIF:Orientation=8 \
  -EXIF:DateTimeOriginal='2016:03:04 05:06:07' -EXIF:Artist='Raw Profile' exif-source.jpg
exiftool -q -b -EXIF exif-source.jpg > exif.bin
python3 - <<'PY'
import struct, zlib
exif = b"Exif\0\0" + open("exif.bin", "rb").read()
hexed = exif.hex()
text = b"\nexif\n%8d\n" % len(exif) + b"".join(
    hexed[i:i + 72].encode() + b"\n" for i in range(0, len(hexed), 72))
keyword = b"Raw profile type exif\0"
bodies = {
    "raw-exif-ztxt.png": (b"zTXt", keyword + b"\0" + zlib.compress(text)),
    "raw-exif-text.png": (b"tEXt", keyword + text),
    "raw-exif-itxt.png": (b"iTXt", keyword + b"\1\0" + b"\0" + b"\0" + zlib.compress(text)),
}
png = open("raw.png", "rb").read()
ihdr_end = 8 + 8 + 13 + 4
for name, (kind, body) in bodies.items():
    chunk = struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    open(name, "wb").write(png[:ihdr_end] + chunk + png[ihdr_end:])
PY
rm raw.png exif-source.jpg exif.bin

# Pictures for colour and uniformity tests: white words on black, and a texture.
convert -size 320x180 xc:black -fill white -font DejaVu-Sans -pointsize 28 -gravity center \
  -annotate 0 'THE END' -strip title-card.png
convert -size 640x360 xc:black -fill white -font DejaVu-Sans -pointsize 14 -gravity south \
  -annotate +0+20 'a small caption at the bottom of the frame' -strip caption.png
convert -seed 11 -size 320x240 plasma:green-blue -blur 0x1 -strip -quality 85 texture.jpg

# Sidecars: NAME.xmp overrides the embedded title and adds keywords; NAME.EXT.xmp in
# the attribute form some tools write.
pixels sidecar.jpg
et -XMP-dc:Title='Embedded title' -XMP-dc:Subject=embedded sidecar.jpg
exiftool -q -o sidecar.xmp -XMP-dc:Title='Sidecar title' -XMP-dc:Description='Described in the sidecar' \
  -XMP-dc:Subject=sidecar -XMP-dc:Subject=embedded
pixels attribute.jpg
cat > attribute.jpg.xmp <<'XMP'
<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:d="http://purl.org/dc/elements/1.1/"
    d:title="Fish &amp; chips" d:description="Lunch by the sea"/>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:subject><rdf:Bag><rdf:li>lunch</rdf:li><rdf:li>sea</rdf:li></rdf:Bag></dc:subject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
XMP

# Broken files.
size=$(stat -c %s full.jpg)
head -c $((size / 2)) full.jpg > truncated.jpg
pixels -quality 95 plain.jpg
size=$(stat -c %s plain.jpg)
head -c $((size - 200)) plain.jpg > truncated-scan.jpg
rm plain.jpg
python3 - <<'PY'
import random
random.seed(20240601)
body = bytes(random.randrange(256) for _ in range(4096))
open("random-magic.jpg", "wb").write(b"\xff\xd8\xff" + body)
PY
head -c 20 image.png > truncated-ihdr.png

ls -l
