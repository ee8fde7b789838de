/// What an item is, decided by its content (libmagic), never by its extension alone.
public enum ItemKind: String, Sendable, Codable, CaseIterable, Hashable {
    case text
    case image
    case video
}
