public import MLibCore

/// Turns a path into an `Extraction`: sniffs the content type, then reads the
/// metadata and text evidence of a note, an image or a video.
///
/// Safe to share between threads: each call opens its own file, and the libmagic
/// handle serialises itself.
///
/// ```swift
/// let extraction = try MediaExtractor().extract(RawPath("/home/ana/Media/beach.jpg"))
/// extraction.kind  // .image
/// ```
public struct MediaExtractor: Sendable {
    private let sniffer: TypeSniffer
    /// How pixels are looked at; nil reads metadata only.
    public let pictures: PictureOptions?

    /// - Parameter pictures: how to look at pixels (colours, OCR, frames, thumbnails);
    ///   nil reads metadata and text only.
    public init(pictures: PictureOptions? = nil) {
        self.sniffer = TypeSniffer.shared
        self.pictures = pictures
    }

    /// Extracts everything mlib indexes from the regular file at `path`.
    ///
    /// Throws a `MediaError` whose description is one line for the user: empty,
    /// unreadable, vanished, truncated, corrupt or unsupported files.
    public func extract(_ path: RawPath) throws(MediaError) -> Extraction {
        let file = try SourceFile(path: path)
        if file.size == 0 {
            throw MediaError(.empty, path: path, detail: "empty file (0 bytes)")
        }
        let head = try file.read(upTo: TypeSniffer.prefixLength)
        if head.isEmpty {
            throw MediaError(.vanished, path: path, detail: "file was emptied while being read")
        }
        var extraction: Extraction
        switch sniffer.sniff(head) {
        case .text(let mime):
            extraction = try TextNoteExtractor.extract(file, mime: mime)
        case .image(let mime):
            extraction = try ImageExtractor.extract(file, mime: mime)
            if let pictures { extraction.add(PictureReader(options: pictures).readImage(path)) }
        case .video(let mime):
            extraction = try VideoExtractor.extract(file, mime: mime)
            if let pictures { extraction.add(PictureReader(options: pictures).readVideo(path, duration: extraction.duration)) }
        case .unsupported(let mime, let description):
            throw MediaError(
                .unsupported, path: path,
                detail: "unsupported content: \(description) (\(mime)); mlib indexes notes, images and videos")
        }
        let words = NameWords.words(for: path)
        if !words.isEmpty {
            extraction.segments.append(SegmentDraft(field: .name, text: words))
        }
        return extraction
    }
}

extension Extraction {
    /// Adds what was seen in the pixels.
    mutating func add(_ evidence: PictureEvidence) {
        segments += evidence.segments
        metadata.merge(evidence.metadata) { old, _ in old }
        thumbnail = evidence.thumbnail
    }
}
