/// The sense a segment's evidence comes from.
///
/// Text passages, captions and subtitle cues are `text`; the picture of an image is
/// `image`; one sampled frame of a video is `frame`.
public enum Modality: String, Sendable, Codable, CaseIterable, Hashable {
    case text
    case image
    case frame
}
