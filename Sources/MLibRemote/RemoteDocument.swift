public import Foundation

/// One document sent to a served reranker.
public enum RemoteDocument: Sendable, Hashable {
    /// Text the reranker reads: a caption, a transcript passage, OCR'd words.
    case text(String)
    /// A picture or a video frame, sent as a `data:image/jpeg;base64,…` URL.
    case image(jpeg: Data)
}
