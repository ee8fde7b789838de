#!/usr/bin/env bash
# Picture and video decoding: images per second through mlib's decode + thumbnail on
# 12-megapixel JPEGs and 1080p PNGs, and seconds of 1080p H.264 sampled at 1 fps per wall
# second, next to FFmpeg's own tool on the same video in the same run:
#   ffmpeg -skip_frame nokey -i F -vf fps=1,scale=224:224 -f rawvideo -pix_fmt rgb24 -
# Prints a Markdown table. Pictures are timed in one pass after a warm-up picture; the
# video in three interleaved rounds of each, medians reported (the machine may be busy).
#
# Usage: bench/pictures.sh [--quick]   (--quick: 5 pictures of each kind, 30 s of video)
#   MLIB_BENCH=path/to/mlib-bench  (default: build it in release)
#   BENCH_DATA=folder              (default bench-data/; files are kept between runs)
#
# The data: JPEGs are testsrc2 at 4000x3000 with film-grain noise (quality 3, 4:2:0),
# PNGs mandelbrot at 1920x1080 with noise, the video testsrc2 + noise at 1920x1080,
# 25 fps, x264 veryfast CRF 23, a keyframe every 2 s (GOP 50).
set -euo pipefail
cd "$(dirname "$0")/.."

count=20
seconds=120
if [[ "${1:-}" == "--quick" ]]; then
    count=5
    seconds=30
fi
data="${BENCH_DATA:-bench-data}/pictures"
ff=(ffmpeg -hide_banner -loglevel error -y)

make_data() {
    local jpegs="$data/jpeg-$count" pngs="$data/png-$count" video="$data/video-$seconds.mp4"
    if [[ ! -d "$jpegs" ]]; then
        mkdir -p "$jpegs.tmp"
        "${ff[@]}" -f lavfi -i "testsrc2=size=4000x3000:rate=1,noise=alls=12:allf=t" -frames:v "$count" \
            -pix_fmt yuvj420p -q:v 3 "$jpegs.tmp/%02d.jpg"
        mv "$jpegs.tmp" "$jpegs"
    fi
    if [[ ! -d "$pngs" ]]; then
        mkdir -p "$pngs.tmp"
        "${ff[@]}" -f lavfi -i "mandelbrot=size=1920x1080:rate=1,noise=alls=8:allf=t" -frames:v "$count" \
            -pix_fmt rgb24 "$pngs.tmp/%02d.png"
        mv "$pngs.tmp" "$pngs"
    fi
    if [[ ! -f "$video" ]]; then
        "${ff[@]}" -f lavfi -i "testsrc2=size=1920x1080:rate=25:duration=$seconds,noise=alls=6:allf=t" \
            -c:v libx264 -preset veryfast -crf 23 -g 50 -keyint_min 50 -sc_threshold 0 -pix_fmt yuv420p \
            "$video.tmp.mp4"
        mv "$video.tmp.mp4" "$video"
    fi
}

mkdir -p "$data"
echo "generating data in $data (kept for later runs)..." >&2
make_data

if [[ -z "${MLIB_BENCH:-}" ]]; then
    swift build -c release --product mlib-bench >&2
    MLIB_BENCH="$(swift build -c release --show-bin-path)/mlib-bench"
fi

field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }
now() { python3 -c 'import time; print(time.monotonic())'; }

video="$data/video-$seconds.mp4"
mapfile -t lines < <("$MLIB_BENCH" pictures --jpegs "$data/jpeg-$count" --pngs "$data/png-$count")

# The video: mlib's sampler and FFmpeg's tool (keyframes only, 1 fps, scaled to 224x224
# RGB) in three interleaved rounds after a warm-up of each; the median round of each counts.
ffmpeg_run() { "${ff[@]}" -skip_frame nokey -i "$video" -vf fps=1,scale=224:224 -f rawvideo -pix_fmt rgb24 -; }
ffmpeg_run >/dev/null
"$MLIB_BENCH" pictures --video "$video" --fps 1 >/dev/null
video_lines=()
ffmpeg_times=()
for _ in 1 2 3; do
    video_lines+=("$("$MLIB_BENCH" pictures --video "$video" --fps 1)")
    start=$(now)
    ffmpeg_bytes=$(ffmpeg_run | wc -c)
    end=$(now)
    ffmpeg_times+=("$(python3 -c "print($end - $start)")")
done
median_line=$(printf '%s\n' "${video_lines[@]}" | python3 -c '
import json, sys
rounds = sorted((json.loads(line) for line in sys.stdin if line.strip()), key=lambda r: r["seconds"])
print(json.dumps(rounds[len(rounds) // 2]))')
lines+=("$median_line")
ffmpeg_seconds=$(python3 -c "import statistics,sys; print(f'{statistics.median(map(float, sys.argv[1:])):.3f}')" "${ffmpeg_times[@]}")
ffmpeg_rate=$(python3 -c "print(f'{$seconds / $ffmpeg_seconds:.1f}')")
ffmpeg_frames=$((ffmpeg_bytes / (224 * 224 * 3)))

echo "| case | what | wall s | rate |"
echo "| --- | --- | ---: | ---: |"
for line in "${lines[@]}"; do
    case "$(field "$line" case)" in
        jpeg) echo "| mlib decode + thumbnail, full size | $(field "$line" pictures) JPEGs of $(field "$line" megapixels_each) MP | $(field "$line" seconds) | $(field "$line" pictures_per_s) pictures/s |" ;;
        jpeg-reduced) echo "| mlib decode + thumbnail, short side ≥ 320 (JPEG lowres) | $(field "$line" pictures) JPEGs of $(field "$line" megapixels_each) MP | $(field "$line" seconds) | $(field "$line" pictures_per_s) pictures/s |" ;;
        png) echo "| mlib decode + thumbnail | $(field "$line" pictures) PNGs of $(field "$line" megapixels_each) MP | $(field "$line" seconds) | $(field "$line" pictures_per_s) pictures/s |" ;;
        video) echo "| mlib FrameSampler, 1 fps ($(field "$line" method), $(field "$line" frames) frames, $(field "$line" decoded_frames) decoded), median of 3 | ${seconds} s of 1080p H.264, GOP 2 s | $(field "$line" seconds) | $(field "$line" video_seconds_per_s)× real time |" ;;
    esac
done
echo "| ffmpeg -skip_frame nokey, fps=1, scale=224:224 ($ffmpeg_frames frames), median of 3 | the same video | $ffmpeg_seconds | ${ffmpeg_rate}× real time |"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); FFmpeg $(ffmpeg -version | head -1 | cut -d' ' -f3)."
