# Sourced by bench/engine.sh and bench/rerank.sh: the N-note library they start from.
#
# base_library N: generates N notes (`bench/generate.py --notes N --seed 3`, into
# $DATA/notes-N-s3 as bench/run.sh names them) unless they are there, and indexes them
# `--no-embed`, unless bench/run.sh's $DATA/big.sqlite or an earlier
# $DATA/engine-base-N.sqlite holds N items already. Sets base_notes and base_path.
# Needs MLIB, DATA, log and die from the caller.

count_items() {
    python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM items").fetchone()[0])' "$1" 2>/dev/null || echo 0
}

# copy_library FROM TO: the library file and its -wal, nothing else.
copy_library() {
    rm -rf "$2" "$2-wal" "$2-shm" "$2-cache"
    cp "$1" "$2"
    [[ -f "$1-wal" ]] && cp "$1-wal" "$2-wal"
    return 0
}

base_library() {
    local count=$1 stamp="--notes $1 --seed 3" status
    base_notes="$DATA/notes-$count-s3"
    if [[ ! -f "$base_notes/.generated-with" || "$(cat "$base_notes/.generated-with")" != "$stamp" ]]; then
        log "generating $base_notes"
        rm -rf "$base_notes"
        python3 bench/generate.py $stamp --out "$base_notes"
        echo "$stamp" >"$base_notes/.generated-with"
    fi
    base_path="$DATA/big.sqlite"
    [[ -f "$base_path" && "$(count_items "$base_path")" == "$count" ]] && return 0
    base_path="$DATA/engine-base-$count.sqlite"
    [[ -f "$base_path" && "$(count_items "$base_path")" == "$count" ]] && return 0
    log "indexing $count notes into $base_path (--no-embed)"
    rm -f "$base_path" "$base_path-wal" "$base_path-shm"
    status=0
    MLIB_LIBRARY="$base_path" "$MLIB" index "$base_notes" --quiet --no-embed >"$DATA/logs/engine-index.log" 2>&1 || status=$?
    [[ $status == 0 || $status == 2 ]] || die "mlib index exited with $status; see $DATA/logs/engine-index.log"
}
