public import MLibCore

/// Writes search results as an OpenTimelineIO document (`.otio`), for editors.
///
/// One timeline, named after the query, holds one video track with a clip per video
/// hit, in rank order. A clip plays the hit's best moment (the whole video when it has
/// none, or with `useMoments` off), in frames at the video's rate (25 when unknown),
/// and points at the file through a `file://` URI, so paths of any bytes survive.
/// Each clip's `metadata.mlib` keeps its rank, score, the query and the moment's text.
/// Images, notes and videos with neither a moment nor a length are left out;
/// `Exporter.notes` says how many.
///
/// The JSON has the schema versions and fields OpenTimelineIO 0.18 writes
/// (`Timeline.1`, `Stack.1`, `Track.1`, `Clip.2`, `ExternalReference.1`), so
/// `otioview`, DaVinci Resolve and OTIO's adapters read it as their own.
public struct OTIOExporter: Sendable {
    /// Whether clips play their best moment rather than the whole video.
    public var useMoments: Bool

    public init(useMoments: Bool = true) {
        self.useMoments = useMoments
    }

    /// An exporter configured by `options`.
    public init(options: ExportOptions) {
        self.init(useMoments: options.useMoments)
    }

    private static let mediaKey = "DEFAULT_MEDIA"

    /// The document as UTF-8 JSON, ending with a newline.
    public func render(_ results: SearchResults) -> [UInt8] {
        let clips = results.hits.compactMap { TimelineClip($0, useMoments: useMoments) }
        let track = Self.item(
            "Track.1", name: "V1",
            extra: ["kind": .string("Video"), "children": .array(clips.map { clip(for: $0, query: results.query) })])
        let stack = Self.item("Stack.1", name: "tracks", extra: ["children": .array([track])])
        let timeline: JSONNode = .object([
            "OTIO_SCHEMA": .string("Timeline.1"),
            "name": .string(results.query),
            "metadata": .object([:]),
            "global_start_time": .null,
            "tracks": stack,
        ])
        return timeline.serialized(pretty: true) + [UInt8(ascii: "\n")]
    }

    private func clip(for clip: TimelineClip, query: String) -> JSONNode {
        let hit = clip.hit
        var name = hit.title?.singleLine ?? ""
        if name.isEmpty { name = hit.path.fileName.singleLine }
        let reference: JSONNode = .object([
            "OTIO_SCHEMA": .string("ExternalReference.1"),
            "name": .string(""),
            "metadata": .object([:]),
            "target_url": .string(FileURI.encode(hit.path)),
            "available_range": clip.available.map { Self.range(start: 0, duration: $0, rate: clip.rate) } ?? .null,
            "available_image_bounds": .null,
        ])
        let mlib: JSONNode = .object([
            "rank": .integer(Int64(hit.rank)),
            "score": JSONNode.rounded(hit.score, places: 4),
            "query": .string(query),
            "moment_text": clip.moment?.text.map(JSONNode.string) ?? .null,
        ])
        return Self.item(
            "Clip.2", name: name, metadata: ["mlib": mlib],
            sourceRange: Self.range(start: clip.start, duration: clip.duration, rate: clip.rate),
            extra: [
                "media_references": .object([Self.mediaKey: reference]),
                "active_media_reference_key": .string(Self.mediaKey),
            ])
    }

    /// The members every OTIO composable item has, plus `extra`.
    private static func item(
        _ schema: String, name: String, metadata: [String: JSONNode] = [:], sourceRange: JSONNode = .null,
        extra: [String: JSONNode]
    ) -> JSONNode {
        let common: [String: JSONNode] = [
            "OTIO_SCHEMA": .string(schema),
            "name": .string(name),
            "metadata": .object(metadata),
            "source_range": sourceRange,
            "effects": .array([]),
            "markers": .array([]),
            "enabled": .bool(true),
            "color": .null,
        ]
        return .object(common.merging(extra) { _, new in new })
    }

    private static func range(start: Int, duration: Int, rate: Double) -> JSONNode {
        .object([
            "OTIO_SCHEMA": .string("TimeRange.1"),
            "start_time": time(start, rate: rate),
            "duration": time(duration, rate: rate),
        ])
    }

    private static func time(_ frames: Int, rate: Double) -> JSONNode {
        .object([
            "OTIO_SCHEMA": .string("RationalTime.1"),
            "value": .integer(Int64(frames)),
            "rate": .number(rate),
        ])
    }
}
