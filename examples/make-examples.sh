#!/usr/bin/env bash
# Makes the demo library in examples/library/: a handful of notes, JPEGs with
# real EXIF and XMP captions, and two short MP4s with title tags and a subtitle
# track. `make demo` indexes it and searches it.
#
# Needs ImageMagick (`convert`), `exiftool` and `ffmpeg` (Debian: imagemagick,
# libimage-exiftool-perl, ffmpeg). Deterministic for a given tool version:
# random sources are seeded, encoders run single-threaded in bit-exact mode and
# every timestamp is fixed. Re-running replaces the folder's contents.
#
# Usage: examples/make-examples.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lib="$here/library"

for tool in convert exiftool ffmpeg; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "make-examples: '$tool' not found; install it (make deps) and run again" >&2
        exit 1
    fi
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

rm -rf "$lib"
mkdir -p "$lib/notes/recipes" "$lib/notes/work" "$lib/photos" "$lib/videos"

# Fixed mtimes make `mlib show` output the same from run to run.
stamp() { touch -d "$2" "$1"; }

# ---------------------------------------------------------------- notes

cat >"$lib/notes/2024-07-biarritz-diary.md" <<'EOF'
# Biarritz, July 2024

## Sunday 14 July

We took the early train down the coast and were on the beach by ten. The tide
was out, the sand was still cool, and the surfers were already lined up past
the rocks. Lunch was grilled sardines and a cold glass of white wine at the
little place by the lighthouse.

In the afternoon we walked back through the old town. At the corner café on
Rue Mazagran a woman in a red dress sat at the window with a book, perfectly
still, while the whole street rushed past behind the glass. I took the photo
without her noticing — it is the best picture of the trip.

## Monday 15 July

Up at dawn to film the waves on the beach before the crowds. Fog over the
water, then the sun broke through at about seven. Breakfast: croissants and a
bowl of coffee. We spent the evening at the harbour watching the sunset over
the fishing boats.
EOF

cat >"$lib/notes/recipes/lemon-risotto.md" <<'EOF'
# Lemon and asparagus risotto

Serves 4. Takes about 40 minutes.

## Ingredients

- 320 g arborio rice
- 1.2 litres hot vegetable stock
- 1 bunch green asparagus, cut into short pieces
- 1 shallot, finely chopped
- 2 unwaxed lemons (zest and juice)
- 100 ml dry white wine
- 50 g butter, 60 g grated parmesan
- salt, black pepper

## Method

1. Soften the shallot in half the butter over a low heat.
2. Stir in the rice and toast it for two minutes, then add the wine.
3. Add the stock one ladle at a time, stirring, until the rice is just tender
   (about 18 minutes). Add the asparagus for the last five minutes.
4. Take off the heat; beat in the rest of the butter, the parmesan, the lemon
   zest and a squeeze of juice. Rest for two minutes before serving.

Lemons from the Saturday market are the best: thick skin, lots of zest.
EOF

cat >"$lib/notes/work/2024-03-12-planning-meeting.md" <<'EOF'
# Planning meeting — 12 March 2024

Attendees: Amira, Jonas, Priya, Tom

## Agenda

1. Spring campaign photo shoot
2. Archive migration
3. Budget for the summer festival video

## Notes

- The photo shoot moves to the harbour on 4 April; Priya books the boat.
- Archive migration: 40,000 images still on the old NAS. Jonas estimates two
  weeks to copy and tag them; we agreed to index them with mlib first so the
  editors can search captions while the copy runs.
- Festival video: Tom needs subtitles in English and French. Budget approved.

## Action items

- [ ] Priya: confirm the boat and the permit for the harbour
- [ ] Jonas: export the archive index as JSON for the editors
- [ ] Tom: send subtitle drafts by Friday
EOF

cat >"$lib/notes/carnet-de-voyage-lyon.md" <<'EOF'
# Carnet de voyage : un été à Lyon

Arrivée à la gare Part-Dieu sous une chaleur écrasante. Après une courte
sieste, promenade le long des quais du Rhône jusqu'à la presqu'île.

Le soir, dîner dans un bouchon du Vieux Lyon : quenelles de brochet, sauce
Nantua, et une crème brûlée pour finir. Le serveur nous a conseillé un verre
de Côte-Rôtie — excellent choix.

Le lendemain matin, montée à Fourvière par la ficelle. Vue magnifique sur les
toits de la ville ; on devinait même les Alpes au loin. Déjeuner au marché
Saint-Antoine : pêches, fromages de chèvre, pain de campagne.

À faire la prochaine fois : le musée des Confluences et une balade à vélo
au parc de la Tête d'Or.
EOF

cat >"$lib/notes/summer-beach-zh.txt" <<'EOF'
夏日海滩

七月的最后一个周末，我们去了海边。夏日海滩上人很多，孩子们在沙滩上堆城堡，
远处有人在冲浪。傍晚的时候，太阳慢慢落进海里，天空变成了橙色和紫色。

我们在海滩旁边的小餐馆吃了烤鱼和西瓜。回家的路上大家都很累，但是很开心。
下次想早一点出发，去看海上的日出。
EOF

cat >"$lib/notes/garden-log.md" <<'EOF'
---
title: Garden log, spring 2024
tags: [garden, tomatoes, compost]
date: 2024-04-20
---

# Garden log, spring 2024

Planted six tomato seedlings (two San Marzano, four cherry) along the south
fence. Added a layer of compost and watered them in well.

The broad beans are flowering; aphids on the tips again, so I pinched them
out. The rhubarb is ready — first crumble of the year on Sunday.

Next: sow basil in the greenhouse, put up netting over the strawberries before
the blackbirds find them.
EOF

cat >"$lib/notes/reading-list.txt" <<'EOF'
Reading list for the summer

The Old Man and the Sea - Ernest Hemingway
A Moveable Feast - Ernest Hemingway
The Count of Monte Cristo - Alexandre Dumas
Bonjour Tristesse - Françoise Sagan
The Rings of Saturn - W. G. Sebald

Take the paperback of Bonjour Tristesse to the beach; it is short enough for
one long afternoon.
EOF

stamp "$lib/notes/2024-07-biarritz-diary.md" "2024-07-15 22:10:00Z"
stamp "$lib/notes/recipes/lemon-risotto.md" "2024-05-02 19:30:00Z"
stamp "$lib/notes/work/2024-03-12-planning-meeting.md" "2024-03-12 11:45:00Z"
stamp "$lib/notes/carnet-de-voyage-lyon.md" "2023-08-09 21:00:00Z"
stamp "$lib/notes/summer-beach-zh.txt" "2024-07-28 20:15:00Z"
stamp "$lib/notes/garden-log.md" "2024-04-20 17:05:00Z"
stamp "$lib/notes/reading-list.txt" "2024-06-30 09:00:00Z"

# ---------------------------------------------------------------- photos

font_args=()
# Captured first: `grep -q` closing the pipe early would make convert fail
# under pipefail, and the font choice would flip between runs.
fonts="$(convert -list font 2>/dev/null || true)"
if grep -q 'Font: DejaVu-Sans$' <<<"$fonts"; then
    font_args=(-font DejaVu-Sans)
fi

# make_photo FILE SEED BACKGROUND LABEL
# BACKGROUND is an ImageMagick source such as "gradient:red-maroon" or
# "plasma:orange-purple"; plasma is random, hence the seed.
make_photo() {
    local file="$1" seed="$2" background="$3" label="$4"
    convert -seed "$seed" -size 320x240 "$background" \
        "${font_args[@]}" -pointsize 17 -fill white -undercolor "#00000090" \
        -gravity south -annotate +0+12 "$label" \
        -strip -sampling-factor 4:2:0 -quality 82 "$file"
}

# tag_photo FILE DATE MAKE MODEL LAT LON TITLE DESCRIPTION SUBJECT...
tag_photo() {
    local file="$1" date="$2" make="$3" model="$4" lat="$5" lon="$6" title="$7" description="$8"
    shift 8
    local subjects=()
    for subject in "$@"; do subjects+=("-XMP-dc:Subject=$subject"); done
    local lat_ref=N lon_ref=E
    [[ "$lat" == -* ]] && lat_ref=S
    [[ "$lon" == -* ]] && lon_ref=W
    exiftool -q -overwrite_original -charset exif=utf8 \
        "-EXIF:Make=$make" "-EXIF:Model=$model" \
        "-EXIF:DateTimeOriginal=$date" "-EXIF:CreateDate=$date" \
        "-EXIF:Orientation#=1" \
        "-EXIF:ImageDescription=$description" \
        "-EXIF:GPSLatitude=${lat#-}" "-EXIF:GPSLatitudeRef=$lat_ref" \
        "-EXIF:GPSLongitude=${lon#-}" "-EXIF:GPSLongitudeRef=$lon_ref" \
        "-XMP-dc:Title=$title" "-XMP-dc:Description=$description" \
        "${subjects[@]}" \
        "$file"
}

p="$lib/photos"

make_photo "$p/red-dress-cafe.jpg" 11 "plasma:firebrick-burlywood" "Café window, Biarritz"
tag_photo "$p/red-dress-cafe.jpg" "2024:07:14 16:32:05" "FUJIFILM" "X100V" 43.4832 -1.5586 \
    "Red dress by the cafe window" \
    "A woman in a red dress reading at the window of a corner cafe in the old town" \
    "red dress" "cafe" "window" "Biarritz" "street"

make_photo "$p/harbour-sunset.jpg" 12 "gradient:darkorange-midnightblue" "Harbour at sunset"
tag_photo "$p/harbour-sunset.jpg" "2024:07:15 21:47:30" "Canon" "Canon EOS R6" 43.4841 -1.5627 \
    "Sunset over the harbour" \
    "Fishing boats in the harbour as the sun sets behind the lighthouse" \
    "sunset" "harbour" "boats" "lighthouse"

make_photo "$p/beach-morning.jpg" 13 "gradient:skyblue-wheat" "Grande Plage, 7 am"
tag_photo "$p/beach-morning.jpg" "2024:07:15 07:02:11" "Apple" "iPhone 13" 43.4843 -1.5590 \
    "Morning on the beach" \
    "Surfers waiting for waves on an empty beach at dawn, fog lifting over the sea" \
    "beach" "surf" "morning" "sea"

make_photo "$p/market-lemons.jpg" 14 "plasma:gold-olivedrab" "Saturday market"
tag_photo "$p/market-lemons.jpg" "2024:05:04 09:15:42" "SONY" "ILCE-7M3" 45.7640 4.8357 \
    "Lemons at the Saturday market" \
    "A crate of unwaxed lemons on a market stall" \
    "market" "lemons" "food" "Lyon"
# IPTC-IIM as well, as older photo tools write it.
exiftool -q -overwrite_original -charset iptc=utf8 -IPTC:CodedCharacterSet=UTF8 \
    "-IPTC:Caption-Abstract=Lemons at the Saturday market, Lyon" \
    "-IPTC:Keywords=market" "-IPTC:Keywords=lemons" "-IPTC:Keywords=citrus" \
    "$p/market-lemons.jpg"

make_photo "$p/fourviere-rooftops.jpg" 15 "gradient:lightsteelblue-sienna" "Vue depuis Fourvière"
tag_photo "$p/fourviere-rooftops.jpg" "2023:08:07 10:20:00" "NIKON CORPORATION" "NIKON Z 6" 45.7623 4.8225 \
    "Les toits de Lyon depuis Fourvière" \
    "Vue sur les toits de la ville et la presqu'île, les Alpes au loin" \
    "Lyon" "toits" "été"

# A photo whose caption lives only in a sidecar NAME.xmp, as Darktable and
# Lightroom write them.
make_photo "$p/garden-tomatoes.jpg" 16 "plasma:forestgreen-tomato" "South fence"
exiftool -q -overwrite_original "-EXIF:Make=Google" "-EXIF:Model=Pixel 7" \
    "-EXIF:DateTimeOriginal=2024:04:20 16:40:00" "$p/garden-tomatoes.jpg"
exiftool -q -o "$p/garden-tomatoes.xmp" \
    "-XMP-dc:Title=Tomato seedlings along the south fence" \
    "-XMP-dc:Description=Six young tomato plants after planting, compost around them" \
    "-XMP-dc:Subject=garden" "-XMP-dc:Subject=tomatoes"

stamp "$p/red-dress-cafe.jpg" "2024-07-14 16:32:05Z"
stamp "$p/harbour-sunset.jpg" "2024-07-15 21:47:30Z"
stamp "$p/beach-morning.jpg" "2024-07-15 07:02:11Z"
stamp "$p/market-lemons.jpg" "2024-05-04 09:15:42Z"
stamp "$p/fourviere-rooftops.jpg" "2023-08-07 10:20:00Z"
stamp "$p/garden-tomatoes.jpg" "2024-04-20 16:40:00Z"
stamp "$p/garden-tomatoes.xmp" "2024-04-21 08:00:00Z"

# ---------------------------------------------------------------- pictures
# Pictures with no caption, no title and a camera's file name: the only evidence is
# what they show — text in the picture (OCR), their colours, and with a CLIP model
# their content.

q="$lib/pictures"
mkdir -p "$q"

# A concert poster: large text on a strong colour.
convert -size 360x480 "gradient:#1d2b64-#0b0f24" \
    "${font_args[@]}" -fill "#f7c948" -pointsize 58 -gravity north -annotate +0+60 "JAZZ" \
    -pointsize 58 -annotate +0+125 "NIGHT" \
    -fill white -pointsize 24 -annotate +0+240 "Friday 21:00" \
    -pointsize 22 -annotate +0+280 "Le Caveau, Lyon" \
    -strip -quality 88 "$q/DSC_0412.jpg"

# A street sign on a wall: white letters on an enamel-blue plate.
convert -seed 21 -size 400x300 "plasma:wheat-tan" \
    -fill "#1f4e9c" -stroke white -strokewidth 4 -draw "roundrectangle 50,100 350,190 12,12" \
    "${font_args[@]}" -stroke none -fill white -pointsize 34 -gravity center -annotate +0-5 "RUE MAZAGRAN" \
    -strip -quality 88 "$q/IMG_2207.jpg"

# Strongly coloured pictures, no text: a red awning, a green field, a blue pool.
convert -seed 22 -size 320x240 "plasma:red-darkred" -blur 0x2 -strip -quality 85 "$q/IMG_2210.jpg"
convert -seed 23 -size 320x240 "plasma:forestgreen-olivedrab" -blur 0x2 -strip -quality 85 "$q/IMG_2211.jpg"
convert -seed 24 -size 320x240 "plasma:dodgerblue-navy" -blur 0x2 -strip -quality 85 "$q/IMG_2212.jpg"

# A phone picture stored sideways with EXIF orientation 6 ("rotate 90° clockwise to
# view"): its sign reads only once the picture is turned upright.
convert -seed 25 -size 320x400 "plasma:honeydew-darkseagreen" \
    -fill "#0a7d3b" -draw "rectangle 30,150 290,250" \
    "${font_args[@]}" -fill white -pointsize 36 -gravity center -annotate +0+0 "PHARMACIE" \
    -rotate -90 -strip -quality 88 "$q/PXL_20240716_093012.jpg"
exiftool -q -overwrite_original "-EXIF:Orientation#=6" "-EXIF:Make=Google" "-EXIF:Model=Pixel 7" \
    "-EXIF:DateTimeOriginal=2024:07:16 09:30:12" "$q/PXL_20240716_093012.jpg"

for f in "$q"/*.jpg; do stamp "$f" "2024-07-16 10:00:00Z"; done

# ---------------------------------------------------------------- videos

v="$lib/videos"
bitexact=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -flags:s +bitexact)
x264=(-c:v libx264 -preset veryfast -crf 34 -pix_fmt yuv420p -threads 1 -x264-params threads=1)

cat >"$work/beach-dawn.srt" <<'EOF'
1
00:00:00,000 --> 00:00:01,200
Waves on the beach at dawn

2
00:00:01,200 --> 00:00:02,200
Fog lifting over the sea

3
00:00:02,200 --> 00:00:03,000
A surfer paddles out past the rocks
EOF

ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "mandelbrot=size=320x180:rate=15" \
    -f lavfi -i "sine=frequency=330:sample_rate=22050" \
    -i "$work/beach-dawn.srt" \
    -t 3 -map 0:v -map 1:a -map 2:s \
    "${x264[@]}" -c:a aac -b:a 24k -ac 1 -c:s mov_text \
    -map_metadata -1 -map_chapters -1 \
    -metadata title="Waves on the beach at dawn" \
    -metadata comment="Biarritz, Grande Plage, 15 July 2024, 7 am" \
    -metadata creation_time="2024-07-15T05:02:00Z" \
    -metadata:s:s:0 language=eng -metadata:s:a:0 language=eng \
    "${bitexact[@]}" -movflags +faststart \
    "$v/beach-dawn.mp4"

cat >"$work/harbour-timelapse.srt" <<'EOF'
1
00:00:00,000 --> 00:00:01,500
Boats coming back into the harbour

2
00:00:01,500 --> 00:00:03,000
The sun goes down behind the lighthouse
EOF

cat >"$work/harbour-chapters.txt" <<'EOF'
;FFMETADATA1

[CHAPTER]
TIMEBASE=1/1000
START=0
END=1500
title=Boats return

[CHAPTER]
TIMEBASE=1/1000
START=1500
END=3000
title=Sunset
EOF

ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc=size=320x180:rate=15" \
    -i "$work/harbour-timelapse.srt" \
    -i "$work/harbour-chapters.txt" \
    -t 3 -map 0:v -map 1:s \
    "${x264[@]}" -c:s mov_text \
    -map_metadata 2 -map_chapters 2 \
    -metadata title="Harbour timelapse at sunset" \
    -metadata comment="Fishing boats return as the sun sets over the harbour" \
    -metadata description="Test pattern standing in for a timelapse of the harbour" \
    -metadata creation_time="2024-07-15T19:40:00Z" \
    -metadata:s:s:0 language=eng \
    "${bitexact[@]}" -movflags +faststart \
    "$v/harbour-timelapse.mp4"

# A clip with burnt-in text and no tags or subtitles: a station board that shows
# its announcement from 3 s to 6 s. Found only through its frames.
ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "color=c=#20232a:size=480x270:rate=15" \
    -vf "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:text='PLATFORM 4':fontcolor=#ffd200:fontsize=44:x=(w-tw)/2:y=80:enable='between(t,3,6)',drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:text='TRAIN TO BORDEAUX':fontcolor=white:fontsize=30:x=(w-tw)/2:y=150:enable='between(t,3,6)'" \
    -t 8 "${x264[@]}" -g 15 -map_metadata -1 \
    "${bitexact[@]}" -movflags +faststart \
    "$v/VID_20240716_181500.mp4"
stamp "$v/VID_20240716_181500.mp4" "2024-07-16 18:15:08Z"

stamp "$v/beach-dawn.mp4" "2024-07-15 05:05:00Z"
stamp "$v/harbour-timelapse.mp4" "2024-07-15 19:45:00Z"

# ---------------------------------------------------------------- check size

total_kb=$(du -sk "$lib" | cut -f1)
if (( total_kb > 1024 )); then
    echo "make-examples: examples/library is ${total_kb} KB, over the 1 MB budget" >&2
    exit 1
fi
echo "make-examples: wrote $(find "$lib" -type f | wc -l) files (${total_kb} KB) to $lib"
