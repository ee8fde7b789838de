import Foundation
import MLibCore
import MLibIngest
import MLibMedia
import MLibStore

/// What a document (or a query's file) offers the rerank once read: its text by field,
/// the passages a sentence model embeds, and its pictures.
///
/// A file is read as the indexer reads it — typed by content, OCR where text is likely
/// (`--ocr auto`), a video's frames sampled at the asked rate — so it is judged on the
/// evidence an indexed item would have.
struct RerankReading: Sendable {
    /// A passage to embed; a video's subtitle cue or run of burnt-in text has its times.
    struct Passage: Sendable, Hashable {
        var text: String
        var start: Double?
        var end: Double?
    }

    /// A picture: the image (no times), or a sampled frame.
    struct Picture: Sendable, Hashable {
        var start: Double?
        var end: Double?
    }

    var kind: ItemKind
    /// The file it came from, with its content hash (the indexer's `ContentHasher`).
    var file: (path: RawPath, contentHash: String)?
    var fields: [EvidenceField: String] = [:]
    var passages: [Passage] = []
    var pictures: [Picture] = []
    /// The rate and budget its frames were sampled with.
    var fps: Double = RerankRequest.defaultFPS
    var maxFrames: Int = RerankRequest.defaultMaxFrames

    /// Text given as it is, cut into passages as a note's body is.
    init(text: String) {
        kind = .text
        add(text: text)
    }

    /// Adds text given beside a file (a caption, a transcript) to what the file holds.
    mutating func add(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        fields[.body] = fields[.body].map { $0 + "\n" + trimmed } ?? trimmed
        passages += PassageSplitter.passages(trimmed[...]).map { Passage(text: $0) }
    }

    /// Reads the file at `path`, or takes the reading `cache` holds for its content.
    ///
    /// Throws a one-line reason when the file cannot be read, or holds a picture that
    /// cannot be decoded and no text.
    static func file(_ path: RawPath, fps: Double, maxFrames: Int, cache: RerankCache) throws -> RerankReading {
        guard let hash = ContentHasher.hash(path) else {
            // The extractor says best why the file cannot be read.
            _ = try MediaExtractor().extract(path)
            throw EngineError(.badRequest, "\(path.displayString): cannot be read")
        }
        let key = [hash, path.string, String(fps), String(maxFrames)].joined(separator: "\u{0}")
        if let known = cache.reading(key) { return known }
        let extraction = try MediaExtractor(pictures: PictureOptions(fps: fps, ocr: .auto, frameBudget: maxFrames)).extract(path)
        let reading = try RerankReading(extraction, path: path, contentHash: hash, fps: fps, maxFrames: maxFrames)
        cache.remember(reading, key: key)
        return reading
    }

    private init(_ extraction: Extraction, path: RawPath, contentHash: String, fps: Double, maxFrames: Int) throws {
        kind = extraction.kind
        file = (path, contentHash)
        self.fps = fps
        self.maxFrames = maxFrames
        var texts: [EvidenceField: [String]] = [:]
        for segment in extraction.segments {
            if segment.field == .picture {
                // A near-black or one-colour frame says nothing to a picture model.
                if segment.text != "uniform" { pictures.append(Picture(start: segment.start, end: segment.end)) }
                continue
            }
            guard !segment.text.isEmpty else { continue }
            texts[segment.field, default: []].append(segment.text)
            if Library.embeddedFields.contains(segment.field), segment.modality == .text {
                passages.append(Passage(text: segment.text, start: segment.start, end: segment.end))
            }
        }
        fields = texts.mapValues { $0.joined(separator: "\n") }
        if kind != .text, pictures.isEmpty, passages.isEmpty, case .string(let problem)? = extraction.metadata["picture_problem"] {
            throw EngineError(.badRequest, "\(path.displayString): cannot decode its picture: \(problem)")
        }
    }
}
