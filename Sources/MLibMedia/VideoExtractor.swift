import CFFmpeg
import MLibCore

/// Reads what mlib indexes about a video (MP4, MOV, AVI, MKV, WebM) through libavformat.
///
/// Metadata: container and codecs, size, frame rate, rotation, duration, bit rate,
/// creation time, title/comment/description tags, chapters and subtitle tracks, with
/// values as ffprobe prints them. Evidence: the tags as title and body text, chapter
/// titles and the cues of text subtitle streams and sidecar `.srt`/`.vtt` files as
/// timed subtitle segments. Sampled frames are someone else's job.
enum VideoExtractor {
    /// The metadata and timed text of the video in `file`; `mime` is what the sniffer said.
    ///
    /// Throws `.empty`, `.truncated`, `.corrupt`, `.unsupported` (no video stream),
    /// `.vanished`, `.unreadable` or `.io`, each with a one-line reason.
    static func extract(_ file: borrowing SourceFile, mime: String) throws(MediaError) -> Extraction {
        if file.size == 0 {
            throw MediaError(.empty, path: file.path, detail: "empty file (0 bytes)")
        }
        let input: FFmpegInput
        do {
            input = try FFmpegInput(path: file.path)
        } catch {
            throw refined(error, file)
        }
        do {
            try input.findStreamInfo()
        } catch {
            throw refined(error, file)
        }
        if let indexEnd = input.indexEnd(beyond: file.size) {
            throw VideoTruncation.indexPastEnd(file.path, indexEnd: indexEnd, fileSize: file.size)
        }
        guard let video = input.videoStream else {
            let container = input.formatLongName ?? "unknown container"
            if input.firstStream(of: AVMEDIA_TYPE_AUDIO) != nil {
                throw MediaError(
                    .unsupported, path: file.path, detail: "no video stream (\(container)); mlib indexes videos, not audio")
            }
            // A container with neither pictures nor sound lost its track headers.
            throw MediaError(
                .corrupt, path: file.path, detail: "not a readable video: no video stream found in its \(container) container")
        }

        var metadata = containerMetadata(input)
        metadata.merge(streamMetadata(input, video: video)) { _, new in new }
        var segments = tagSegments(input)

        let chapters = chapterList(input)
        if !chapters.isEmpty {
            metadata["chapters"] = .array(
                chapters.map { chapter in
                    var entry: [String: JSONValue] = ["start": .number(chapter.start), "end": .number(chapter.end)]
                    entry["title"] = chapter.title.map(JSONValue.string)
                    return .object(entry)
                })
        }
        for chapter in chapters {
            guard let title = chapter.title else { continue }
            segments.append(SegmentDraft(field: .subtitle, text: title, start: chapter.start, end: chapter.end))
        }

        let tracks = input.readTextSubtitles()
        var subtitles: [JSONValue] = []
        for stream in input.streams where stream.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_SUBTITLE {
            let index = Int(stream.pointee.index)
            var entry: [String: JSONValue] = [
                "index": .number(Double(index)), "codec": .string(FFmpegInput.codecName(of: stream)),
            ]
            entry["language"] = FFmpegInput.tag("language", in: stream.pointee.metadata).map(JSONValue.string)
            if let cues = tracks.cues[index] { entry["cues"] = .number(Double(cues.count)) }
            subtitles.append(.object(entry))
            segments += (tracks.cues[index] ?? []).map(segment)
        }
        if !subtitles.isEmpty { metadata["subtitles"] = .array(subtitles) }
        if let problem = tracks.problem { metadata["subtitles_incomplete"] = .string(problem.detail) }

        let sidecars = SubtitleSidecar.all(for: file.path)
        if !sidecars.isEmpty {
            metadata["sidecar_subtitles"] = .array(
                sidecars.map { sidecar in
                    var entry: [String: JSONValue] = [
                        "file": .string(sidecar.path.fileName), "cues": .number(Double(sidecar.cues.count)),
                    ]
                    entry["language"] = sidecar.language.map(JSONValue.string)
                    return .object(entry)
                })
            segments += sidecars.flatMap { $0.cues.map(segment) }
        }

        return Extraction(
            kind: .video, mime: mime, title: input.tag("title"), duration: input.duration,
            metadata: metadata, segments: segments)
    }

    /// The error for a file FFmpeg could not open: an MP4 cut short is `.truncated`, not `.corrupt`.
    private static func refined(_ error: MediaError, _ file: borrowing SourceFile) -> MediaError {
        if error.code == .corrupt, let truncation = VideoTruncation.check(file) { return truncation }
        return error
    }

    private static func containerMetadata(_ input: borrowing FFmpegInput) -> [String: JSONValue] {
        var metadata: [String: JSONValue] = [:]
        metadata["duration"] = input.duration.map(JSONValue.number)
        metadata["container"] = input.formatName.map(JSONValue.string)
        metadata["format_long_name"] = input.formatLongName.map(JSONValue.string)
        metadata["bit_rate"] = input.bitRate.map { .number(Double($0)) }
        for key in ["creation_time", "title", "comment", "description"] {
            metadata[key] = input.tag(key).map(JSONValue.string)
        }
        return metadata
    }

    private static func streamMetadata(
        _ input: borrowing FFmpegInput, video: UnsafeMutablePointer<AVStream>
    ) -> [String: JSONValue] {
        let parameters = video.pointee.codecpar.pointee
        var metadata: [String: JSONValue] = ["video_codec": .string(FFmpegInput.codecName(of: video))]
        if parameters.width > 0 && parameters.height > 0 {
            metadata["width"] = .number(Double(parameters.width))
            metadata["height"] = .number(Double(parameters.height))
        }
        metadata["frame_rate"] = FFmpegInput.frameRate(of: video).map(JSONValue.number)
        if let rotation = FFmpegInput.rotation(of: video), rotation != 0 {
            metadata["rotation"] = .number(rotation)
        }
        if let audio = input.firstStream(of: AVMEDIA_TYPE_AUDIO) {
            metadata["audio_codec"] = .string(FFmpegInput.codecName(of: audio))
        }
        return metadata
    }

    private static func tagSegments(_ input: borrowing FFmpegInput) -> [SegmentDraft] {
        var segments: [SegmentDraft] = []
        if let title = input.tag("title") { segments.append(SegmentDraft(field: .title, text: title)) }
        for key in ["comment", "description"] {
            if let text = input.tag(key) { segments.append(SegmentDraft(field: .body, text: text)) }
        }
        return segments
    }

    private struct Chapter {
        var start: Double
        var end: Double
        var title: String?
    }

    private static func chapterList(_ input: borrowing FFmpegInput) -> [Chapter] {
        input.chapters.compactMap { chapter in
            let timeBase = chapter.pointee.time_base
            guard let start = FFmpegInput.seconds(chapter.pointee.start, timeBase),
                let end = FFmpegInput.seconds(chapter.pointee.end, timeBase)
            else { return nil }
            return Chapter(start: start, end: end, title: FFmpegInput.tag("title", in: chapter.pointee.metadata))
        }
    }

    private static func segment(_ cue: SubtitleCue) -> SegmentDraft {
        SegmentDraft(field: .subtitle, text: cue.text, start: cue.start, end: cue.end)
    }
}
