#!/usr/bin/env python3
"""Benchmark `mlib watch`: latency, bursts and the idle cost of a large tree.

    bench/watch.py MLIB_BINARY [--data DIR] [--quick] [--output FILE]

1. Latency, one file at a time: a watcher follows an empty folder; notes (and
   small JPEGs made once with ImageMagick) are written into it one by one, 0.3-0.5 s
   apart. For each, t0 is taken just before the file is created (written directly
   and closed, the ordinary case) and t1 once the library, read through Python's
   sqlite3 every 2 ms, holds the item and its unique word is in the word index.
   Run with --no-embed and, when models/all-MiniLM-L6-v2 exists, with the model;
   then a note also needs its sentence vectors (semantically searchable). A few
   samples are confirmed through `mlib search` as a separate process.
2. Burst: 10,000 small notes written as fast as Python can, into 100 folders made
   during the burst; time until all are in the items and the word index, peak
   RSS of the watcher, nothing lost (the library's paths equal the folder's),
   rescans from the status file.
3. Idle: a tree of 100,000 tiny notes in 1,000 folders (generated once under
   DIR, indexed with `mlib index --no-embed` first); the start-up reconcile time,
   then CPU, RSS, wake-ups and writes of the idle watcher over 60 s.

Prints a Markdown section for BENCHMARKS.md at the end (also written to
DIR/watch-results.md). Takes about 5-6 minutes; --quick is a smoke test of the
harness with much smaller sizes. Python standard library only.
"""

import argparse
import datetime
import json
import math
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402
import vocabulary  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL_NAME = "all-MiniLM-L6-v2"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
POLL_INTERVAL = 0.002
SAMPLE_TIMEOUT = 15.0


def log(message):
    print(f"watch-bench: {message}", file=sys.stderr, flush=True)


def percentile(values, fraction):
    """Nearest-rank percentile, as bench/run.sh reports them."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * fraction)) - 1]


def letters(number, width=6):
    """A word of lowercase letters unique to `number` (FTS keeps it whole)."""
    out = []
    for _ in range(width):
        number, digit = divmod(number, 26)
        out.append(chr(ord("a") + digit))
    return "".join(reversed(out))


def fts_phrase(word):
    return '"' + word.replace('"', '""') + '"'


# ---------------------------------------------------------------- the watcher process


class Watcher:
    """One `mlib watch` process with its library, log and status file."""

    def __init__(self, binary, library, paths, embed, log_path, models=None):
        self.library = library
        self.log_path = log_path
        self.status_path = library + ".watch.json"
        command = [binary, "--library", library]
        if models:
            command += ["--models", models]
        command += ["watch"] + ([] if embed else ["--no-embed"]) + list(paths)
        self.log_file = open(log_path, "wb")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=self.log_file, stderr=subprocess.STDOUT, cwd=ROOT)
        self.pid = self.process.pid

    def alive(self):
        return self.process.poll() is None

    def status(self):
        try:
            with open(self.status_path, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def wait_for(self, predicate, timeout, what):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if not self.alive():
                raise SystemExit(f"watch-bench: the watcher exited ({self.process.returncode}) while waiting for "
                                 f"{what}; see {self.log_path}")
            status = self.status()
            if status is not None and predicate(status):
                return status
            time.sleep(0.02)
        raise SystemExit(f"watch-bench: no {what} after {timeout:.0f} s; status {self.status()}; see {self.log_path}")

    def wait_idle(self, timeout=120):
        def idle(status):
            return (status.get("phase") == "idle" and status.get("queued") == 0 and status.get("settling") == 0)
        return self.wait_for(idle, timeout, "idle status")

    def proc_status(self):
        fields = {}
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        return fields

    def memory_mb(self, key):
        value = self.proc_status().get(key, "0 kB").split()[0]
        return int(value) / 1024

    def cpu_seconds(self):
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        # After the command name: state is field 3, utime 14, stime 15 (1-based).
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def context_switches(self):
        """Voluntary + involuntary switches summed over every thread: wake-ups."""
        total = 0
        task_dir = f"/proc/{self.pid}/task"
        for task in os.listdir(task_dir):
            try:
                with open(os.path.join(task_dir, task, "status")) as f:
                    for line in f:
                        if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                            total += int(line.split()[1])
            except OSError:
                pass
        return total

    def thread_count(self):
        return len(os.listdir(f"/proc/{self.pid}/task"))

    def write_bytes(self):
        try:
            with open(f"/proc/{self.pid}/io") as f:
                for line in f:
                    if line.startswith("write_bytes:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def stop(self):
        """SIGTERM, then the exit code (the watcher should exit 0)."""
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
            log(f"the watcher did not stop within 60 s of SIGTERM; killed (see {self.log_path})")
        self.log_file.close()
        return code

    def log_lines(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()


def fresh_library(path):
    for suffix in ("", "-wal", "-shm", ".watch.json"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass
    return path


def open_reader(library, timeout=30):
    """A read-only connection, once the watcher has created the library."""
    deadline = time.perf_counter() + timeout
    while not os.path.exists(library):
        if time.perf_counter() > deadline:
            raise SystemExit(f"watch-bench: {library} was never created")
        time.sleep(0.02)
    uri = "file:" + urllib.parse.quote(library) + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True, timeout=5, isolation_level=None, check_same_thread=False)
    return connection


def search_paths(binary, library, query, models, mode="keyword", limit=20):
    """Paths `mlib search` prints for `query` (a separate process)."""
    command = [binary, "--library", library]
    if models:
        command += ["--models", models]
    command += ["search", "--mode", mode, "--limit", str(limit), "--format", "json", "--", query]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        return None, result.stderr.strip()
    return result.stdout, None


# ---------------------------------------------------------------- 1. latency


def make_jpegs(folder, count, seed):
    """Small distinct JPEGs (ImageMagick, once), returned as bytes."""
    rng = random.Random(seed)
    images = []
    for index in range(count):
        path = os.path.join(folder, f"base-{index}.jpg")
        colour = f"rgb({rng.randrange(256)},{rng.randrange(256)},{rng.randrange(256)})"
        other = f"rgb({rng.randrange(256)},{rng.randrange(256)},{rng.randrange(256)})"
        subprocess.run(
            ["convert", "-size", "160x120", f"gradient:{colour}-{other}", "-quality", "85", path],
            check=True, capture_output=True)
        with open(path, "rb") as f:
            images.append(f.read())
    return images


def item_state(reader, path_bytes, word, want_vectors):
    """(in words, has vectors) for the item at path_bytes right now."""
    row = reader.execute("SELECT id FROM items WHERE path = ? AND status = 'indexed'", (path_bytes,)).fetchone()
    if row is None:
        return False, False
    if reader.execute("SELECT rowid FROM item_fts WHERE item_fts MATCH ? LIMIT 1", (fts_phrase(word),)).fetchone() \
            is None:
        return False, False
    if not want_vectors:
        return True, False
    missing, present = reader.execute(
        """SELECT sum(NOT EXISTS (SELECT 1 FROM segment_vectors e WHERE e.segment_id = s.id)),
                  sum(EXISTS (SELECT 1 FROM segment_vectors e WHERE e.segment_id = s.id))
           FROM segments s
           WHERE s.item_id = ? AND s.modality = 'text' AND s.field IN ('title', 'body', 'keywords', 'subtitle')
             AND s.text <> ''""", (row[0],)).fetchone()
    return True, bool(present) and not missing


def latency_run(args, label, embed, note_count, image_count, jpegs, seed):
    """Writes notes then images one by one; returns the run's figures."""
    work = tempfile.mkdtemp(prefix=f"watch-latency-{label}-", dir=args.data)
    folder = os.path.join(work, "inbox")
    os.mkdir(folder)
    library = fresh_library(os.path.join(work, "library.sqlite"))
    watcher = Watcher(args.binary, library, [folder], embed, os.path.join(args.logs, f"latency-{label}.log"),
                      args.models)
    watcher.wait_idle(timeout=120)
    reader = open_reader(library)
    rng = random.Random(seed)
    result = {"label": label, "embed": embed, "notes": [], "notes_vectors": [], "images": [], "lost": [],
              "search_checks": [], "notes_count": note_count, "images_count": image_count}
    samples = []
    for index in range(note_count):
        word = f"wl{label[0]}n{letters(index)}"
        text = generate.note_text(rng, index)
        heading_end = text.index("\n\n") + 2 if "\n\n" in text else 0
        text = text[:heading_end] + f"Marker {word}. " + text[heading_end:]
        samples.append(("note", os.path.join(folder, f"note-{index:04d}-{word}.md"), word, text.encode()))
    for index in range(image_count):
        word = f"wl{label[0]}i{letters(index)}"
        samples.append(("image", os.path.join(folder, f"img-{word}.jpg"), word, jpegs[index % len(jpegs)]))

    vector_seen = set()
    for kind, path, word, data in samples:
        want_vectors = embed and kind == "note"
        path_bytes = os.fsencode(path)
        t0 = time.perf_counter()
        with open(path, "wb") as f:
            f.write(data)
        t_words = t_vectors = None
        deadline = t0 + SAMPLE_TIMEOUT
        while True:
            now = time.perf_counter()
            if t_words is None or want_vectors:
                in_words, has_vectors = item_state(reader, path_bytes, word, want_vectors)
                now = time.perf_counter()
                if in_words and t_words is None:
                    t_words = now - t0
                if has_vectors:
                    t_vectors = now - t0
            if t_words is not None and (not want_vectors or t_vectors is not None):
                break
            if now > deadline:
                result["lost"].append((path, t_words, t_vectors))
                log(f"{label}: {os.path.basename(path)} not searchable after {SAMPLE_TIMEOUT:.0f} s "
                    f"(words {t_words}, vectors {t_vectors})")
                break
            time.sleep(POLL_INTERVAL)
        if t_words is not None:
            result["notes" if kind == "note" else "images"].append(t_words)
        if t_vectors is not None:
            result["notes_vectors"].append(t_vectors)
            vector_seen.add(path)
        time.sleep(rng.uniform(0.3, 0.5))

    # A few samples through `mlib search`, a separate process, while the watcher runs.
    checks = [s for s in samples if s[0] == "note"][:2] + [s for s in samples if s[0] == "image"][:2]
    for kind, path, word, data in checks:
        output, error = search_paths(args.binary, library, word, args.models)
        found = output is not None and json.dumps(path)[1:-1] in output
        result["search_checks"].append((f"{kind}s by word", found, error))
    if embed:
        for kind, path, word, data in [s for s in samples if s[0] == "note"][:2]:
            # The note's own opening words (front matter and marker left out).
            body = data.decode().replace(f"Marker {word}. ", "").rsplit("---\n", 1)[-1]
            query = " ".join(w for w in body.replace("#", " ").split() if w[:1].isalpha())
            query = " ".join(query.split()[:40])
            output, error = search_paths(args.binary, library, query, args.models, mode="semantic", limit=5)
            found = output is not None and json.dumps(path)[1:-1] in output
            result["search_checks"].append(("notes by meaning (top 5)", found, error))

    status = watcher.status() or {}
    result["status"] = status
    result["rss_mb"] = watcher.memory_mb("VmRSS")
    result["hwm_mb"] = watcher.memory_mb("VmHWM")
    reader.close()
    result["exit"] = watcher.stop()
    shutil.rmtree(work, ignore_errors=True)
    return result


# ---------------------------------------------------------------- 2. burst


def burst_run(args, count, folders):
    work = tempfile.mkdtemp(prefix="watch-burst-", dir=args.data)
    folder = os.path.join(work, "inbox")
    os.mkdir(folder)
    library = fresh_library(os.path.join(work, "library.sqlite"))
    watcher = Watcher(args.binary, library, [folder], False, os.path.join(args.logs, "burst.log"), args.models)
    watcher.wait_idle(timeout=60)
    reader = open_reader(library)
    rng = random.Random(11)
    mark = "burstmarkqz"
    per_folder = max(1, count // folders)
    words = {}

    t0 = time.perf_counter()
    current = None
    for index in range(count):
        if index % per_folder == 0:
            current = os.path.join(folder, f"f{index // per_folder:03d}")
            os.mkdir(current)
        word = f"wb{letters(index)}"
        path = os.path.join(current, f"n{index:05d}.md")
        words[word] = path
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# Note {index}\n\n{word} {mark} {' '.join(vocabulary.sample(rng, 8))}.\n")
    t_written = time.perf_counter() - t0
    log(f"burst: wrote {count} notes in {t_written:.2f} s")

    t_items = t_words = None
    progress = []
    last_change, last_counts = time.perf_counter(), None
    while True:
        items = reader.execute("SELECT count(*) FROM items WHERE status = 'indexed'").fetchone()[0]
        in_words = reader.execute("SELECT count(*) FROM item_fts WHERE item_fts MATCH ?", (mark,)).fetchone()[0]
        now = time.perf_counter()
        if (items, in_words) != last_counts:
            last_counts, last_change = (items, in_words), now
            progress.append((now - t0, items, in_words))
        if items >= count and t_items is None:
            t_items = now - t0
        if in_words >= count and t_words is None:
            t_words = now - t0
        if t_items is not None and t_words is not None:
            break
        if now - last_change > 60 or not watcher.alive():
            log(f"burst: stuck at {items} items, {in_words} in the word index; giving up")
            break
        time.sleep(0.02)

    # New folders must be watched, not only scanned once: edit a note in the
    # last folder made and time until its new word is in the word index.
    edited = words[f"wb{letters(count - 1)}"]
    t_edit = time.perf_counter()
    with open(edited, "a", encoding="utf-8") as f:
        f.write("Edited afterwards: wbeditedqz.\n")
    edit_s = None
    while time.perf_counter() - t_edit < SAMPLE_TIMEOUT:
        if reader.execute("SELECT 1 FROM item_fts WHERE item_fts MATCH 'wbeditedqz'").fetchone():
            edit_s = time.perf_counter() - t_edit
            break
        time.sleep(POLL_INTERVAL)

    try:
        status = watcher.wait_idle(timeout=30)
    except SystemExit as error:
        log(str(error))
        status = watcher.status() or {}
    time.sleep(1.2)  # the status file is rewritten at most once a second
    status = watcher.status() or status
    hwm = watcher.memory_mb("VmHWM")
    rss = watcher.memory_mb("VmRSS")

    on_disk = set()
    for directory, _, names in os.walk(os.fsencode(folder)):
        for name in names:
            on_disk.add(os.path.join(directory, name))
    in_library = {bytes(row[0]) for row in reader.execute("SELECT path FROM items WHERE status = 'indexed'")}
    failed = reader.execute("SELECT count(*) FROM items WHERE status = 'failed'").fetchone()[0]
    spot = rng.sample(sorted(words), min(200, len(words)))
    spot_missing = [word for word in spot
                    if reader.execute("SELECT 1 FROM item_fts WHERE item_fts MATCH ?", (fts_phrase(word),)).fetchone()
                    is None]
    reader.close()
    code = watcher.stop()
    lines = watcher.log_lines()
    shutil.rmtree(work, ignore_errors=True)
    done = max(t for t in (t_items, t_words) if t is not None) if (t_items or t_words) else None
    half = next((t for t, i, w in progress if min(i, w) >= count // 2), None)
    return {
        "count": count, "folders": folders, "written_s": t_written, "items_s": t_items, "words_s": t_words,
        "done_s": done, "half_s": half, "rate": (count / done) if done else None, "hwm_mb": hwm, "rss_mb": rss,
        "on_disk": len(on_disk), "in_library": len(in_library), "missing": len(on_disk - in_library),
        "extra": len(in_library - on_disk), "failed": failed, "spot_missing": len(spot_missing),
        "rescans": status.get("rescans"), "status_indexed": status.get("indexed"), "exit": code,
        "edit_s": edit_s, "watched": status.get("watched_folders"), "polled": status.get("polled_folders"),
        "rescan_lines": [line for line in lines if "rescann" in line][:5],
        "warnings": [line for line in lines if " warning " in line or " error " in line][:5],
    }


# ---------------------------------------------------------------- 3. idle


def idle_tree(data, files, folders):
    """The tree of tiny notes, generated once and reused while its size matches."""
    tree = os.path.join(data, f"watch-tree-{files}")
    stamp = os.path.join(tree, ".generated-with")
    wanted = f"files={files} folders={folders} v1"
    try:
        with open(stamp) as f:
            if f.read().strip() == wanted:
                log(f"reusing {tree}")
                return tree
    except OSError:
        pass
    log(f"generating {tree} ({files} notes in {folders} folders)")
    shutil.rmtree(tree, ignore_errors=True)
    rng = random.Random(5)
    per_folder = files // folders
    for index in range(files):
        if index % per_folder == 0:
            current = os.path.join(tree, f"d{index // per_folder:04d}")
            os.makedirs(current)
        with open(os.path.join(current, f"n{index:06d}.md"), "w", encoding="utf-8") as f:
            f.write(f"Note {index}: {' '.join(vocabulary.sample(rng, 6))}.\n")
    with open(stamp, "w") as f:
        f.write(wanted + "\n")
    return tree


def idle_run(args, files, folders, seconds):
    tree = idle_tree(args.data, files, folders)
    library = os.path.join(args.data, f"watch-tree-{files}.sqlite")
    for suffix in (".watch.json",):
        if os.path.exists(library + suffix):
            os.remove(library + suffix)
    started = time.perf_counter()
    index_log = os.path.join(args.logs, "idle-index.log")
    with open(index_log, "wb") as out:
        code = subprocess.run([args.binary, "--library", library, "index", tree, "--no-embed", "--quiet"],
                              stdout=out, stderr=subprocess.STDOUT, cwd=ROOT).returncode
    index_s = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"watch-bench: mlib index {tree} exited {code}; see {index_log}")
    log(f"idle: mlib index of the tree took {index_s:.1f} s")

    sentinel = os.path.join(tree, "sentinel-note.md")
    if os.path.exists(sentinel):
        os.remove(sentinel)
    watcher = Watcher(args.binary, library, [tree], False, os.path.join(args.logs, "idle.log"), args.models)
    # The start-up reconcile is one walk ahead of any event; a note written as the
    # watcher starts is in the library once the reconcile is through.
    reader = open_reader(library)
    watcher.wait_for(lambda status: True, 60, "status file")
    with open(sentinel, "w") as f:
        f.write("sentinel zqsentinelword\n")
    sentinel_s = None
    while sentinel_s is None and time.perf_counter() - watcher.started < 300:
        if reader.execute("SELECT 1 FROM items WHERE path = ?", (os.fsencode(sentinel),)).fetchone():
            sentinel_s = time.perf_counter() - watcher.started
            break
        time.sleep(0.005)
    status = watcher.wait_idle(timeout=300)
    idle_s = time.perf_counter() - watcher.started
    log(f"idle: watcher caught up after {idle_s:.1f} s (sentinel at {sentinel_s})")
    time.sleep(2)

    status_mtime = os.stat(watcher.status_path).st_mtime if os.path.exists(watcher.status_path) else None
    library_mtimes = {s: os.stat(library + s).st_mtime for s in ("", "-wal") if os.path.exists(library + s)}
    begin_cpu, begin_switches, begin_writes = watcher.cpu_seconds(), watcher.context_switches(), watcher.write_bytes()
    begin = time.perf_counter()
    rss = []
    while time.perf_counter() - begin < seconds:
        time.sleep(1)
        rss.append(watcher.memory_mb("VmRSS"))
    elapsed = time.perf_counter() - begin
    cpu = watcher.cpu_seconds() - begin_cpu
    switches = watcher.context_switches() - begin_switches
    writes = watcher.write_bytes()
    writes = None if writes is None or begin_writes is None else writes - begin_writes
    threads = watcher.thread_count()
    status_written = (os.stat(watcher.status_path).st_mtime != status_mtime) if status_mtime else None
    library_written = any(os.stat(library + s).st_mtime != m for s, m in library_mtimes.items())
    hwm = watcher.memory_mb("VmHWM")
    status = watcher.status() or status

    os.remove(sentinel)
    time.sleep(1.0)
    reader.close()
    code = watcher.stop()
    return {
        "files": files, "folders": folders, "index_s": index_s, "sentinel_s": sentinel_s, "idle_s": idle_s,
        "seconds": elapsed, "cpu_percent": 100 * cpu / elapsed, "cpu_s": cpu, "wakeups": switches / elapsed,
        "rss_first": rss[0], "rss_last": rss[-1], "rss_max": max(rss), "hwm_mb": hwm, "threads": threads,
        "write_bytes": writes, "status_written": status_written, "library_written": library_written,
        "watched": status.get("watched_folders"), "polled": status.get("polled_folders"), "exit": code,
    }


# ---------------------------------------------------------------- report


def fmt(number):
    return f"{number:,}"


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def summary(values):
    if not values:
        return "n/a"
    return f"p50 {ms(percentile(values, 0.5))}, p95 **{ms(percentile(values, 0.95))}**, max {ms(max(values))}"


def verdict(values, target):
    if not values:
        return "n/a"
    return "met" if percentile(values, 0.95) <= target else "**missed**"


def machine():
    model, cores = "unknown CPU", str(os.cpu_count())
    try:
        output = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in output.splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "Model name":
                model = value.strip()
            elif key.strip() == "CPU(s)":
                cores = value.strip()
    except OSError:
        pass
    with open("/proc/meminfo") as f:
        memory = int(f.readline().split()[1]) / 1048576
    return model, cores, memory


def report(args, latencies, burst, idle, started):
    model, cores, memory = machine()
    try:
        commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip() or "unknown"
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "Sources"], capture_output=True,
                               text=True).stdout.strip()
    except OSError:
        commit, dirty = "unknown", ""
    binary = os.path.relpath(args.binary, ROOT) if args.binary.startswith(ROOT) else args.binary
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"### Watcher, {now}",
        "",
        f"- Machine: {model}, {cores} cores (`lscpu`), {memory:.1f} GiB RAM; kernel {os.uname().release}",
        f"- mlib commit {commit}{' (Sources with uncommitted changes)' if dirty else ''}, binary `{binary}`"
        f"{'; **quick mode**, sizes not comparable' if args.quick else ''}",
        f"- Load average (1 min) {args.load_before:.2f} at the start, {os.getloadavg()[0]:.2f} at the end "
        "(the benchmark's own Python is part of it)",
        "- Latency: one file at a time, 0.3–0.5 s apart, written directly and closed; from just before the "
        "file is created until Python's sqlite3 (read-only, polling every 2 ms) sees the item and its word in "
        "the word index (notes with the model: until every text segment also has its vector). "
        "The watcher waits for 300 ms of quiet after a close before reading a file.",
        "",
        "| measurement | result | target |",
        "| --- | --- | --- |",
    ]
    for run in latencies:
        mode = "`--no-embed`" if not run["embed"] else f"with {MODEL_NAME}"
        lost = f"; **{len(run['lost'])} not searchable within {SAMPLE_TIMEOUT:.0f} s**" if run["lost"] else ""
        lines.append(f"| note → in the word index, {len(run['notes'])} notes, {mode} | {summary(run['notes'])}{lost} "
                     f"| p95 ≤ 1 s: {verdict(run['notes'], 1.0)} |")
        if run["embed"]:
            lines.append(f"| note → semantically searchable (vectors), {len(run['notes_vectors'])} notes, {mode} "
                         f"| {summary(run['notes_vectors'])} | p95 ≤ 1 s: {verdict(run['notes_vectors'], 1.0)} |")
        lines.append(f"| JPEG → in the word index, {len(run['images'])} images, {mode} | {summary(run['images'])} "
                     f"| p95 ≤ 1 s: {verdict(run['images'], 1.0)} |")
    if burst:
        lost = burst["missing"] + burst["extra"]
        check = ("all there, paths equal the folder's" if lost == 0 and burst["failed"] == 0
                 and burst["spot_missing"] == 0 else
                 f"**{burst['missing']} missing, {burst['extra']} extra, {burst['failed']} failed, "
                 f"{burst['spot_missing']} of 200 words not found**")
        done = f"{burst['done_s']:.2f} s = **{burst['rate']:.0f} notes/s**" if burst["done_s"] else "**never**"
        lines += [
            f"| burst: {fmt(burst['count'])} small notes into {burst['folders']} new folders, `--no-embed` "
            f"(written in {burst['written_s']:.2f} s) | all in items and word index after {done}; half after "
            f"{burst['half_s']:.2f} s | |" if burst["half_s"] else
            f"| burst: {fmt(burst['count'])} small notes, `--no-embed` | {done} | |",
            f"| burst: nothing lost | {check} ({fmt(burst['in_library'])} of {fmt(burst['on_disk'])} files); "
            f"rescans {burst['rescans']}, exit {burst['exit']} | none lost |",
            f"| burst: watcher peak RSS (VmHWM) | {burst['hwm_mb']:.0f} MB | |",
            f"| burst: then a note in the last new folder edited → new word in the word index | "
            + (ms(burst["edit_s"]) if burst["edit_s"] is not None else "**never**")
            + f" ({burst['watched']} folders watched with inotify, {burst['polled']} polled) | ≤ 1 s: "
            + ("met" if burst["edit_s"] is not None and burst["edit_s"] <= 1 else "**missed**") + " |",
        ]
    if idle:
        writes = "n/a" if idle["write_bytes"] is None else f"{idle['write_bytes']:,} bytes written"
        lines += [
            f"| idle: start-up reconcile of {fmt(idle['files'])} unchanged notes in {fmt(idle['folders'])} folders "
            f"(`mlib index` first: {idle['index_s']:.1f} s) | a note written at start searchable after "
            f"{idle['sentinel_s']:.2f} s; status idle after {idle['idle_s']:.2f} s | |",
            f"| idle: CPU of the watcher over {idle['seconds']:.0f} s | **{idle['cpu_percent']:.2f} %** of one core "
            f"({idle['cpu_s']:.2f} s), {idle['wakeups']:.1f} context switches/s over {idle['threads']} threads | |",
            f"| idle: RSS | **{idle['rss_last']:.0f} MB** (first {idle['rss_first']:.0f}, max "
            f"{idle['rss_max']:.0f}; peak since start {idle['hwm_mb']:.0f} MB); {idle['watched']} folders watched "
            f"with inotify, {idle['polled']} polled | |",
            f"| idle: disk | {writes}; status file rewritten: {'yes' if idle['status_written'] else 'no'}; library "
            f"touched: {'yes' if idle['library_written'] else 'no'} | |",
        ]
    checks = []
    for run in latencies:
        kinds = {}
        for what, found, error in run["search_checks"]:
            kinds.setdefault(what, []).append(found)
            if error:
                log(f"{run['label']}: mlib search failed: {error}")
        mode = "`--no-embed`" if not run["embed"] else f"with {MODEL_NAME}"
        checks.append(f"{mode}: " + ", ".join(f"{what} {sum(found)}/{len(found)} found"
                                              for what, found in kinds.items()))
    exits = [f"{run['label']} {run['exit']}" for run in latencies]
    exits += [f"{name} {part['exit']}" for name, part in (("burst", burst), ("idle", idle)) if part]
    lines += [
        "",
        f"`mlib search` as a separate process while the watcher ran: {'; '.join(checks) or 'n/a'}. "
        f"Watcher exit codes after SIGTERM: {', '.join(exits)}. "
        f"Percentiles are nearest-rank. Reproduce with `python3 bench/watch.py .build/release/mlib` "
        f"({(time.perf_counter() - started) / 60:.1f} min); logs in "
        f"`{os.path.relpath(args.logs, ROOT) if args.logs.startswith(ROOT) else args.logs}/`.",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", help="the mlib binary to measure, e.g. .build/release/mlib")
    parser.add_argument("--data", default=os.path.join(ROOT, "bench-data"), help="scratch folder (default bench-data/)")
    parser.add_argument("--output", help="also write the Markdown here (default DATA/watch-results.md)")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test of the harness")
    parser.add_argument("--skip", action="append", default=[], choices=["latency", "embed", "burst", "idle"],
                        help="leave out a part (repeatable)")
    args = parser.parse_args()

    if os.sep not in args.binary:
        args.binary = shutil.which(args.binary) or args.binary
    args.binary = os.path.abspath(args.binary)
    if not os.access(args.binary, os.X_OK):
        raise SystemExit(f"watch-bench: no mlib binary at {args.binary}; run 'make build'")
    if shutil.which("convert") is None:
        raise SystemExit("watch-bench: ImageMagick's convert is needed for the JPEGs (make deps)")
    args.data = os.path.abspath(args.data)
    args.logs = os.path.join(args.data, "logs", "watch")
    os.makedirs(args.logs, exist_ok=True)
    model_dir = os.path.join(ROOT, "models", MODEL_NAME)
    args.models = os.path.join(ROOT, "models") if os.path.isdir(model_dir) else None

    notes, images = (10, 5) if args.quick else (100, 50)
    embed_images = 3 if args.quick else 25
    burst_count = 1000 if args.quick else 10000
    idle_files, idle_folders, idle_seconds = (10000, 100, 10) if args.quick else (100000, 1000, 60)

    started = time.perf_counter()
    args.load_before = os.getloadavg()[0]
    latencies, burst, idle = [], None, None
    jpeg_dir = tempfile.mkdtemp(prefix="watch-jpegs-", dir=args.data)
    try:
        jpegs = make_jpegs(jpeg_dir, images, seed=3)
    finally:
        shutil.rmtree(jpeg_dir, ignore_errors=True)
    if "latency" not in args.skip:
        log(f"latency, --no-embed: {notes} notes, {images} images")
        latencies.append(latency_run(args, "words", False, notes, images, jpegs, seed=21))
    if "embed" not in args.skip:
        if args.models:
            log(f"latency, with {MODEL_NAME}: {notes} notes, {embed_images} images")
            latencies.append(latency_run(args, "vectors", True, notes, embed_images, jpegs, seed=22))
        else:
            log(f"no {model_dir} (make model): latency with the model left out")
    if "burst" not in args.skip:
        log(f"burst of {burst_count} notes")
        burst = burst_run(args, burst_count, 100 if not args.quick else 10)
    if "idle" not in args.skip:
        log(f"idle: {idle_files} notes in {idle_folders} folders, {idle_seconds} s")
        idle = idle_run(args, idle_files, idle_folders, idle_seconds)

    with open(os.path.join(args.logs, "raw.json"), "w") as f:
        json.dump({"latency": latencies, "burst": burst, "idle": idle}, f, indent=1, default=str)
    text = report(args, latencies, burst, idle, started)
    print(text)
    output = args.output or os.path.join(args.data, "watch-results.md")
    with open(output, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    log(f"written to {output}")


if __name__ == "__main__":
    main()
