"""Reads a timeline with OpenTimelineIO and prints what a test compares, as JSON.

    otio-check.py FILE.otio                 an OTIO document, by its own adapter
    otio-check.py FILE.edl --edl RATE       a CMX 3600 list, by OTIO's cmx_3600 adapter
    otio-check.py FILE.otio --rewrite       the document as OTIO itself writes it back

Prints {"name", "global_start", "tracks": [{"kind", "clips": [...]}]}; each clip has
its name, target URL, source range (seconds and frames), available range, its range
in the track (frames) and metadata. Times in seconds come from OTIO's own arithmetic.
Run with the interpreter in .build/pyenv (`make deps`).
"""

import json
import sys

import opentimelineio as otio


def plain(value):
    """OTIO's metadata containers as plain JSON values."""
    if isinstance(value, (str, bool, int, float)) or value is None:
        return value
    if hasattr(value, "items"):
        return {str(key): plain(item) for key, item in value.items()}
    return [plain(item) for item in value]


def time_range(value):
    if value is None:
        return None
    return {
        "start": value.start_time.to_seconds(),
        "duration": value.duration.to_seconds(),
        "start_frames": value.start_time.value,
        "duration_frames": value.duration.value,
        "rate": value.start_time.rate,
    }


def clip_summary(clip):
    reference = clip.media_reference
    return {
        "name": clip.name,
        "target_url": getattr(reference, "target_url", None),
        "source_range": time_range(clip.source_range),
        "available_range": time_range(getattr(reference, "available_range", None)),
        "range_in_track": time_range(clip.range_in_parent()),
        "metadata": plain(clip.metadata),
    }


def main():
    path = sys.argv[1]
    if len(sys.argv) == 4 and sys.argv[2] == "--edl":
        timeline = otio.adapters.read_from_file(path, adapter_name="cmx_3600", rate=float(sys.argv[3]))
    else:
        timeline = otio.adapters.read_from_file(path)
    if sys.argv[2:] == ["--rewrite"]:
        print(otio.adapters.write_to_string(timeline, "otio_json"))
        return
    start = timeline.global_start_time
    print(json.dumps({
        "name": timeline.name,
        "global_start": None if start is None else start.to_seconds(),
        "tracks": [
            {"kind": track.kind, "clips": [clip_summary(clip) for clip in track.find_clips()]}
            for track in timeline.tracks
        ],
    }))


main()
