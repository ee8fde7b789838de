/// A job the library gives one model: the library remembers which model serves each
/// role, so every process searches with what the library was indexed with.
public enum ModelRole: String, Sendable, Hashable, CaseIterable {
    /// Embeds text segments and text queries (a sentence model).
    case text
    /// Embeds images and frames (a CLIP vision tower; next issue).
    case picture
    /// Embeds queries into the picture space (a CLIP or multilingual text tower; next issue).
    case pictureQuery = "picture-query"
}
