#!/usr/bin/env bash
# Makes the video fixtures for VideoExtractorTests (needs ffmpeg 5.1 and python3).
# Re-runnable: every output is overwritten. Files stay tiny (160x90 or 64x48, 5 fps, 3 s).
set -euo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Same bytes on every run as far as the encoders allow.
ff=(ffmpeg -hide_banner -loglevel error -y)
exact=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1)
x264=(-c:v libx264 -preset ultrafast -crf 40 -pix_fmt yuv420p -x264-params no-info=1)

cat >"$work/beach.srt" <<'SRT'
1
00:00:00,200 --> 00:00:01,000
Hello from the <i>beach</i>

2
00:00:01,200 --> 00:00:02,000
Café à la plage

3
00:00:02,100 --> 00:00:02,800
Waves, sand
and sun
SRT

cat >"$work/chapters.ffmeta" <<'META'
;FFMETADATA1
title=Mountain walk
description=A walk up the hill, filmed in one take.

[CHAPTER]
TIMEBASE=1/1000
START=0
END=1000
title=Trailhead

[CHAPTER]
TIMEBASE=1/1000
START=1000
END=2000
title=Forest path

[CHAPTER]
TIMEBASE=1/1000
START=2000
END=3000
title=Summit view
META

cat >"$work/walk.ass" <<'ASS'
[Script Info]
ScriptType: v4.00+
PlayResX: 160
PlayResY: 90

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,16,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:00.50,0:00:01.50,Default,,0,0,0,,{\i1}Up we go{\i0}, step by step
Dialogue: 0,0:00:01.80,0:00:02.60,Default,,0,0,0,,Birds in the trees\NListen
ASS

cat >"$work/web.vtt" <<'VTT'
WEBVTT

00:00.300 --> 00:01.100
A red kite

00:01.500 --> 00:02.400 align:start
over the <b>river</b>
VTT

# MP4: title/comment/creation time, AAC audio, mov_text subtitles and a display matrix.
# FFmpeg 5.1's mp4 muxer ignores a "rotate" tag, so exiftool writes the matrix afterwards.
"${ff[@]}" -f lavfi -i "testsrc=size=160x90:rate=5:duration=3" \
  -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=3" \
  -i "$work/beach.srt" -map 0:v -map 1:a -map 2:s "${exact[@]}" \
  "${x264[@]}" -c:a aac -b:a 8k -ac 1 -c:s mov_text \
  -metadata title="Beach day" -metadata comment="Filmed at the seaside cafe" \
  -metadata creation_time="2021-06-05T14:30:00.000000Z" \
  -metadata:s:s language=fra tagged.mp4
exiftool -q -overwrite_original -Rotation=90 tagged.mp4

# MKV: ASS subtitles, chapters and a description from an ffmetadata file.
"${ff[@]}" -f lavfi -i "testsrc=size=160x90:rate=5:duration=3" -i "$work/walk.ass" \
  -i "$work/chapters.ffmeta" -map 0:v -map 1:s -map_metadata 2 -map_chapters 2 \
  -fflags +bitexact -flags:v +bitexact "${x264[@]}" -c:s ass -metadata:s:s language=eng \
  chapters.mkv

# WebM: VP8 with WebVTT subtitles.
"${ff[@]}" -f lavfi -i "testsrc=size=64x48:rate=5:duration=3" -i "$work/web.vtt" \
  -map 0:v -map 1:s "${exact[@]}" -c:v libvpx -b:v 50k -deadline realtime -c:s webvtt \
  -metadata title="Red kite" clip.webm

# AVI: MPEG-4 part 2 with MP3 audio, at 29.97 fps.
"${ff[@]}" -f lavfi -i "testsrc=size=64x48:rate=30000/1001:duration=2" \
  -f lavfi -i "sine=frequency=220:sample_rate=22050:duration=2" \
  "${exact[@]}" -c:v mpeg4 -q:v 31 -c:a libmp3lame -b:a 32k -ac 1 clip.avi

# MOV: H.264 with a title.
"${ff[@]}" -f lavfi -i "color=c=blue:size=64x48:rate=10:duration=2" \
  "${exact[@]}" "${x264[@]}" -metadata title="Blue screen" clip.mov

# A video with sidecar subtitles: NAME.srt, NAME.vtt and NAME.de.srt.
"${ff[@]}" -f lavfi -i "testsrc=size=64x48:rate=5:duration=2" "${exact[@]}" "${x264[@]}" sidecar.mp4
printf '\xef\xbb\xbf1\r\n00:00:00,500 --> 00:00:01,000\r\nSidecar hello\r\n\r\n2\r\n00:00:01,000 --> 00:00:01,900\r\n<font color="red">Goodbye</font>\r\n' >sidecar.srt
printf 'WEBVTT\n\nNOTE made by make.sh\n\ncue-1\n00:00.250 --> 00:00.750 line:0\nFrom the web track\n' >sidecar.vtt
printf '1\n00:00:00,100 --> 00:00:00,900\nGr\xfc\xdfe aus Berlin\n' >sidecar.de.srt   # Latin-1 on purpose

# An MP4 with sound only: mlib does not index audio.
"${ff[@]}" -f lavfi -i "sine=frequency=330:sample_rate=8000:duration=1" "${exact[@]}" -c:a aac -b:a 8k audio-only.mp4

# Broken files.
"${ff[@]}" -f lavfi -i "testsrc=size=160x90:rate=5:duration=3" "${exact[@]}" "${x264[@]}" "$work/whole.mp4"
size=$(stat -c %s "$work/whole.mp4")
head -c $((size * 40 / 100)) "$work/whole.mp4" >truncated.mp4          # moov (at the end) is lost
"${ff[@]}" -i "$work/whole.mp4" -c copy -movflags +faststart "${exact[@]}" "$work/fast.mp4"
size=$(stat -c %s "$work/fast.mp4")
head -c $((size * 60 / 100)) "$work/fast.mp4" >cut-faststart.mp4       # moov kept, samples cut
python3 -c 'import random,sys; random.seed(20240601); sys.stdout.buffer.write(bytes(random.getrandbits(8) for _ in range(4096)))' >random.mp4
: >empty.mp4

ls -l ./*.mp4 ./*.mkv ./*.webm ./*.avi ./*.mov ./*.srt ./*.vtt
