public import MLibCore

/// A place where the library may no longer agree with the disk, as the watcher
/// learns of it; `Indexer.apply(_:roots:)` looks at the disk and makes them agree.
///
/// Each case names where to look, not what to do: the disk is read when the change
/// is applied, so a stale or repeated change does no harm.
public enum Reconciliation: Sendable, Hashable {
    /// A path that is or was a file (or a folder: then everything under it).
    case path(RawPath)
    /// A folder and everything under it; if the folder is gone, its items leave.
    case folder(RawPath)
    /// A file or folder renamed or moved from `from` to `to`; its items keep their
    /// ids and vectors.
    case move(from: RawPath, to: RawPath)
}
