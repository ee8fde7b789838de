public import MLibCore

/// One thing an index run did to one item, for journal-style logs.
public enum IndexEvent: Sendable, Hashable {
    case indexed(RawPath, ItemKind)
    /// Read again after it changed.
    case updated(RawPath, ItemKind)
    case failed(RawPath, reason: String)
    case moved(from: RawPath, to: RawPath)
    case removed(RawPath)
}
