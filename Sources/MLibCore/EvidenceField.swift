/// Which part of an item a piece of text evidence comes from.
///
/// Each field is a column of the full-text index with its own bm25 weight, so a word
/// in a title counts for more than the same word deep in a body.
public enum EvidenceField: String, Sendable, Codable, CaseIterable, Hashable {
    /// A title: a note's first heading, an XMP `dc:title`, a container `title` tag.
    case title
    /// Running text: note passages, descriptions, comments.
    case body
    /// Tags and keywords: front-matter `tags:`, `dc:subject`, IPTC keywords.
    case keywords
    /// Timed text from a video: subtitle cues and chapter titles.
    case subtitle
    /// The file's name and its folders' names, split into words.
    case name
    /// Descriptive metadata worth finding: camera make and model, artist, copyright.
    case metadata
    /// Text read off the pixels of an image or a video frame (OCR).
    case ocr
    /// The names of a picture's dominant colours, repeated by weight (`red red blue`).
    case colour
    /// The picture itself: an image, or one sampled frame of a video. Its text is
    /// empty, or `uniform` for a near-black or one-colour frame that picture models skip.
    case picture
}
