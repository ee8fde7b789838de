#!/usr/bin/env bash
# mlib's benchmark: index rates, re-scan times, library size and search latency
# against plain SQLite FTS5, on synthetic libraries made by bench/generate.py.
#
# Usage: bench/run.sh [--quick] [--clean]
#   --quick   a tenth of every size (1,000 notes, 200 images, 10,000-item
#             library), for smoke-testing the harness; numbers are not comparable
#   --clean   delete bench-data/ first, so the data sets are generated again
#
# Environment:
#   MLIB        the binary to measure (default .build/release/mlib; `make build`)
#   BENCH_DATA  scratch folder (default bench-data/, git-ignored)
#
# Steps:
#   1. index 10,000 notes into an empty library -> notes/s; re-scan unchanged
#   2. index 2,000 JPEGs (+ 20 short MP4s) the same way -> images/s; re-scan
#   3. index 100,000 notes -> time; re-scan 100,000 unchanged (target <= 5 s);
#      library file size per 1,000 items
#   4. 200 queries on the 100,000-item library: `mlib _bench-search` against
#      bench/reference.py (plain FTS5 through Python's sqlite3), three interleaved
#      rounds, median of each figure; ratio target <= 1.5x. Then p50 of a whole
#      `mlib search` process (start-up included) over 20 queries.
#   5. a Markdown block with the machine's facts and the results, printed and
#      written to bench-data/results.md, ready for BENCHMARKS.md.
#
# "Cold" means an empty library; the files themselves are in the page cache,
# since they were just generated (dropping caches needs root and is not done).
# Generated data sets are kept between runs and remade only when their
# parameters change; libraries are always rebuilt.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quick=0
for argument in "$@"; do
    case "$argument" in
        --quick) quick=1 ;;
        --clean) clean=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown argument '$argument' (see --help)" >&2; exit 1 ;;
    esac
done

MLIB="${MLIB:-.build/release/mlib}"
DATA="${BENCH_DATA:-bench-data}"
[[ "$MLIB" == */* && "$MLIB" != /* ]] && MLIB="$root/$MLIB"
[[ "$DATA" != /* ]] && DATA="$root/$DATA"

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

command -v "$MLIB" >/dev/null 2>&1 || die "no mlib binary at $MLIB; run 'make build' or set MLIB"
command -v python3 >/dev/null 2>&1 || die "python3 is needed to generate data and read results"
for tool in convert ffmpeg; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is needed to generate images and videos (make deps)"
done

if (( quick )); then divisor=10; else divisor=1; fi
notes_count=$((10000 / divisor))
images_count=$((2000 / divisor))
videos_count=$((divisor == 1 ? 20 : 4))
big_count=$((100000 / divisor))
query_count=200
process_query_count=20
limit=20
rounds=3

[[ "${clean:-0}" == 1 ]] && rm -rf "$DATA"
mkdir -p "$DATA/logs"

gnu_time=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
    gnu_time=1
else
    log "GNU time not found (apt install time): peak memory will not be reported"
fi

# ---------------------------------------------------------------- helpers

# calc EXPRESSION [FORMAT]: floating-point arithmetic through awk.
calc() { awk "BEGIN { printf \"${2:-%.1f}\", $1 }"; }

# dataset DIR ARGS...: generate a data set unless DIR already holds one made
# with the same arguments.
dataset() {
    local dir="$1"; shift
    local stamp="$dir/.generated-with"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$*" ]]; then
        log "reusing $dir"
        return
    fi
    log "generating $dir ($*)"
    rm -rf "$dir"
    python3 bench/generate.py "$@" --out "$dir"
    echo "$*" >"$stamp"
}

# fresh_library NAME: path of an empty (deleted) library file.
fresh_library() {
    local library="$DATA/$1.sqlite"
    rm -f "$library" "$library-wal" "$library-shm"
    echo "$library"
}

# timed LOG COMMAND...: runs COMMAND, output to LOG; sets seconds, rss_mb, status.
timed() {
    local logfile="$1"; shift
    local start end
    status=0
    start=$(date +%s.%N)
    if (( gnu_time )); then
        /usr/bin/time -f '%M' -o "$DATA/.rss" "$@" >"$logfile" 2>&1 || status=$?
    else
        "$@" >"$logfile" 2>&1 || status=$?
    fi
    end=$(date +%s.%N)
    seconds=$(calc "$end - $start" "%.3f")
    rss_mb="n/a"
    if (( gnu_time )); then
        local kb
        kb=$(tail -n 1 "$DATA/.rss")
        [[ "$kb" =~ ^[0-9]+$ ]] && rss_mb=$(calc "$kb / 1024" "%.0f")
    fi
}

# index_run LIBRARY LOGNAME PATH: `mlib index` into LIBRARY; exit code 2 (some
# files failed) is reported and tolerated, anything else stops the benchmark.
index_run() {
    local library="$1" name="$2" path="$3"
    timed "$DATA/logs/$name.log" env MLIB_LIBRARY="$library" "$MLIB" index "$path" --quiet --no-embed
    case "$status" in
        0) ;;
        2) log "$name: some files failed to index (see 'mlib status --failed'; log $DATA/logs/$name.log)" ;;
        *) die "$name: mlib index exited with $status; see $DATA/logs/$name.log" ;;
    esac
    log "$name: ${seconds} s, peak RSS ${rss_mb} MB"
}

# items LIBRARY FIELD: a count from `mlib status --format json` (total, text,
# image, video, failed).
# Prints "?" when the status cannot be read, so the run goes on.
items() {
    MLIB_LIBRARY="$1" "$MLIB" status --format json 2>/dev/null |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][sys.argv[1]])' "$2" 2>/dev/null ||
        echo "?"
}

# check_count LIBRARY EXPECTED NAME: warns when the library holds fewer items
# or failed ones; sets `failures` to a note for the report ("" when all is well).
check_count() {
    local total failed
    total=$(items "$1" total)
    failed=$(items "$1" failed)
    failures=""
    if [[ "$total" != "$2" || "$failed" != 0 ]]; then
        log "$3: expected $2 items, library has $total ($failed failed)"
        failures="; **${failed} of $2 failed**, rate not valid"
    fi
}

# verdict AWK_CONDITION [FAILURES]: "met" or "missed"; "n/a" when a figure is
# missing or files failed.
verdict() {
    if [[ "$1" == *n/a* || -n "${2:-}" ]]; then echo "n/a"
    elif awk "BEGIN { exit !($1) }"; then echo "met"
    else echo "**missed**"; fi
}

library_bytes() {
    local total=0 file
    for file in "$1" "$1-wal"; do
        [[ -f "$file" ]] && total=$((total + $(stat -c %s "$file")))
    done
    echo "$total"
}

# ---------------------------------------------------------------- 1. notes

notes_dir="$DATA/notes-$notes_count-s1"
dataset "$notes_dir" --notes "$notes_count" --seed 1

library=$(fresh_library notes)
index_run "$library" notes-cold "$notes_dir"
notes_cold=$seconds notes_cold_rss=$rss_mb
check_count "$library" "$notes_count" notes
notes_failures=$failures
index_run "$library" notes-rescan "$notes_dir"
notes_rescan=$seconds
notes_rate=$(calc "$notes_count / $notes_cold" "%.0f")

# ---------------------------------------------------------------- 2. images, videos

media_dir="$DATA/media-$images_count-$videos_count-s2"
dataset "$media_dir" --images "$images_count" --videos "$videos_count" --seed 2

library=$(fresh_library images)
index_run "$library" images-cold "$media_dir/images"
images_cold=$seconds images_cold_rss=$rss_mb
check_count "$library" "$images_count" images
images_failures=$failures
index_run "$library" images-rescan "$media_dir/images"
images_rescan=$seconds
images_rate=$(calc "$images_count / $images_cold" "%.0f")

library=$(fresh_library videos)
index_run "$library" videos-cold "$media_dir/videos"
videos_cold=$seconds
check_count "$library" "$videos_count" videos
videos_failures=$failures
videos_rate=$(calc "$videos_count / $videos_cold" "%.1f")

# ---------------------------------------------------------------- 3. large library

big_dir="$DATA/notes-$big_count-s3"
dataset "$big_dir" --notes "$big_count" --seed 3

big_library=$(fresh_library big)
index_run "$big_library" big-cold "$big_dir"
big_cold=$seconds big_cold_rss=$rss_mb
check_count "$big_library" "$big_count" big
big_failures=$failures
big_rate=$(calc "$big_count / $big_cold" "%.0f")
index_run "$big_library" big-rescan "$big_dir"
big_rescan=$seconds big_rescan_rss=$rss_mb
big_items=$(items "$big_library" total)
[[ "$big_items" =~ ^[0-9]+$ && "$big_items" != 0 ]] || big_items=$big_count
big_bytes=$(library_bytes "$big_library")
big_mb=$(calc "$big_bytes / 1048576" "%.1f")
per_thousand_mb=$(calc "$big_bytes / $big_items * 1000 / 1048576" "%.2f")

# ---------------------------------------------------------------- 4. search

queries="$DATA/queries.txt"
python3 bench/queries.py --notes-dir "$big_dir" --count "$query_count" --seed 7 --out "$queries"

# bench_json LOGNAME COMMAND...: the JSON line a search benchmark prints.
bench_json() {
    local logfile="$DATA/logs/$1.log" line; shift
    "$@" >"$logfile" 2>&1 || die "$* failed; see $logfile"
    line=$(grep '^{' "$logfile" | tail -n 1 || true)
    [[ -n "$line" ]] || die "$* printed no JSON; see $logfile"
    echo "$line"
}

mlib_runs=() strict_runs=() reference_runs=()
for round in $(seq "$rounds"); do
    log "search round $round of $rounds"
    mlib_runs+=("$(bench_json "search-mlib-$round" \
        env MLIB_LIBRARY="$big_library" "$MLIB" _bench-search "$queries" --limit "$limit")")
    strict_runs+=("$(bench_json "search-mlib-all-words-$round" \
        env MLIB_LIBRARY="$big_library" "$MLIB" _bench-search "$queries" --limit "$limit" --all-words)")
    reference_runs+=("$(bench_json "search-reference-$round" \
        python3 bench/reference.py "$big_library" "$queries" --limit "$limit")")
done

# median FIELD RUN...: the median of one figure over the rounds' JSON lines.
median() {
    local field="$1"; shift
    printf '%s\n' "$@" | python3 -c '
import json, statistics, sys
print(statistics.median(json.loads(line)[sys.argv[1]] for line in sys.stdin if line.strip()))' "$field"
}
mlib_p50=$(median p50_ms "${mlib_runs[@]}")
mlib_p95=$(median p95_ms "${mlib_runs[@]}")
mlib_mean=$(median mean_ms "${mlib_runs[@]}")
strict_p50=$(median p50_ms "${strict_runs[@]}")
strict_p95=$(median p95_ms "${strict_runs[@]}")
strict_mean=$(median mean_ms "${strict_runs[@]}")
mlib_hits=$(median hits "${mlib_runs[@]}")
strict_hits=$(median hits "${strict_runs[@]}")
ref_hits=$(median hits "${reference_runs[@]}")
ref_p50=$(median p50_ms "${reference_runs[@]}")
ref_p95=$(median p95_ms "${reference_runs[@]}")
ref_mean=$(median mean_ms "${reference_runs[@]}")
ratio() { awk "BEGIN { if ($2 > 0) printf \"%.2f\", $1 / $2; else printf \"n/a\" }"; }
ratio_p50=$(ratio "$mlib_p50" "$ref_p50")
ratio_p95=$(ratio "$mlib_p95" "$ref_p95")
ratio_mean=$(ratio "$mlib_mean" "$ref_mean")
strict_ratio_p50=$(ratio "$strict_p50" "$ref_p50")
strict_ratio_p95=$(ratio "$strict_p95" "$ref_p95")
strict_ratio_mean=$(ratio "$strict_mean" "$ref_mean")

# A whole process per query: what a script calling mlib in a loop sees.
head -n "$process_query_count" "$queries" >"$DATA/process-queries.txt"
process_times="$DATA/process-times.txt"
: >"$process_times"
first_query=$(head -n 1 "$DATA/process-queries.txt")
search_log="$DATA/logs/search-process.log"
MLIB_LIBRARY="$big_library" "$MLIB" search "$first_query" --limit "$limit" --format json \
    >/dev/null 2>"$search_log" || die "mlib search '$first_query' failed; see $search_log"  # warm-up
while IFS= read -r query; do
    start=$(date +%s%N)
    MLIB_LIBRARY="$big_library" "$MLIB" search "$query" --limit "$limit" --format json \
        >/dev/null 2>>"$search_log" || die "mlib search '$query' failed; see $search_log"
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 )) >>"$process_times"
done <"$DATA/process-queries.txt"
process_p50=$(python3 -c '
import math, sys
values = sorted(int(line) for line in open(sys.argv[1]))
print(f"{values[max(1, math.ceil(len(values) / 2)) - 1] / 1000:.1f}")' "$process_times")

# ---------------------------------------------------------------- 5. report

# fmt N: 100000 -> 100,000 whatever the locale.
fmt() { echo "$1" | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta'; }

cpu=$(grep -m 1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
ram_gib=$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
os_name=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-Linux}" || echo Linux)
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)
version=$("$MLIB" --version 2>/dev/null | head -n 1 || true)
mode=$([[ $quick == 1 ]] && echo "quick (1/10 sizes, smoke test only)" || echo "full")

report=$(cat <<EOF
### Results, $(date -u '+%Y-%m-%d %H:%M UTC')

- Machine: ${cpu:-unknown CPU}, $(nproc) cores (\`nproc\`), ${ram_gib} GiB RAM
- System: ${os_name}, kernel $(uname -r)
- mlib: ${version:-version unknown}, commit ${commit}${dirty}, binary \`${MLIB#"$root"/}\`
- Mode: ${mode}; "cold" = empty library, files in the page cache

| measurement | result | target |
| --- | --- | --- |
| index $(fmt "$notes_count") notes, empty library | ${notes_cold} s = **${notes_rate} notes/s** (peak RSS ${notes_cold_rss} MB${notes_failures}) | ≥ 500 notes/s: $(verdict "$notes_rate >= 500" "$notes_failures") |
| re-scan $(fmt "$notes_count") unchanged notes | ${notes_rescan} s | |
| index $(fmt "$images_count") JPEGs, empty library | ${images_cold} s = **${images_rate} images/s** (peak RSS ${images_cold_rss} MB${images_failures}) | ≥ 100 images/s: $(verdict "$images_rate >= 100" "$images_failures") |
| re-scan $(fmt "$images_count") unchanged JPEGs | ${images_rescan} s | |
| index ${videos_count} MP4s (3 s each) | ${videos_cold} s = ${videos_rate} videos/s${videos_failures} | |
| index $(fmt "$big_count") notes, empty library | ${big_cold} s = ${big_rate} notes/s (peak RSS ${big_cold_rss} MB${big_failures}) | |
| re-scan $(fmt "$big_count") unchanged files | **${big_rescan} s** (peak RSS ${big_rescan_rss} MB) | ≤ 5 s: $(verdict "$big_rescan <= 5") |
| library file | ${big_mb} MB for $(fmt "$big_items") items = **${per_thousand_mb} MB per 1,000 items** | |
| search, ${query_count} queries of 2–3 words, top ${limit}, in-process, \`--all-words\` (the reference's AND, plus hit rows and snippets; ${strict_hits} hits) | p50 **${strict_p50} ms**, p95 **${strict_p95} ms**, mean ${strict_mean} ms | p95 ≤ 20 ms: $(verdict "$strict_p95 <= 20") |
| same, default (AND, then all-words-but-one when fewer than ${limit}; ${mlib_hits} hits) | p50 **${mlib_p50} ms**, p95 **${mlib_p95} ms**, mean ${mlib_mean} ms | p95 ≤ 20 ms: $(verdict "$mlib_p95 <= 20") |
| same queries, plain FTS5 AND through Python's sqlite3 (\`bench/reference.py\`; ${ref_hits} hits) | p50 ${ref_p50} ms, p95 ${ref_p95} ms, mean ${ref_mean} ms | |
| mlib \`--all-words\` / reference | p50 **${strict_ratio_p50}×**, p95 **${strict_ratio_p95}×**, mean ${strict_ratio_mean}× | ≤ 1.5×: $(verdict "$strict_ratio_p50 <= 1.5 && $strict_ratio_p95 <= 1.5") |
| mlib default / reference | p50 ${ratio_p50}×, p95 ${ratio_p95}×, mean ${ratio_mean}× | (does more work) |
| \`mlib search\` as a process, start-up included, ${process_query_count} queries | p50 ${process_p50} ms | |

Search figures are medians over ${rounds} interleaved rounds (one warm-up pass, one
timed pass each); percentiles are nearest-rank. Reproduce with \`make bench\`
(or \`bench/run.sh\`); raw logs are in \`${DATA#"$root"/}/logs/\`.
EOF
)

printf '%s\n' "$report" | tee "$DATA/results.md"
log "written to ${DATA#"$root"/}/results.md"

# ---------------------------------------------------------------- 6. watcher

# `mlib watch`: event-to-searchable latency, a burst of 10,000 notes and the idle
# cost of a 100,000-file tree (bench/watch.py, about 5 minutes; --quick shrinks it
# too). BENCH_WATCH=0 leaves it out. Its Markdown block is appended to results.md.
if [[ "${BENCH_WATCH:-1}" != 0 ]]; then
    watch_args=(--data "$DATA" --output "$DATA/watch-results.md")
    (( quick )) && watch_args+=(--quick)
    python3 bench/watch.py "$MLIB" "${watch_args[@]}" || die "bench/watch.py failed; logs in $DATA/logs/watch/"
    { echo; cat "$DATA/watch-results.md"; } >>"$DATA/results.md"
    log "watcher results appended to ${DATA#"$root"/}/results.md"
fi
