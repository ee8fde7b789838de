public import MLibCore

/// A change under a watched tree, as `TreeWatcher` reports it.
///
/// Changes come in the order they happened; apply them in that order.
public enum FileChange: Sendable, Hashable {
    /// A file was written and closed, had its attributes changed, appeared as a
    /// symbolic or hard link, or was moved in from outside the tree.
    case written(RawPath)
    /// A regular file was created and may still be being written: wait until its
    /// size stops changing before reading it. A later `.written` for the same path
    /// (its close-write) supersedes this; when the same batch already holds it, only
    /// `.written` is reported.
    case appeared(RawPath)
    /// A file was deleted or moved out of the tree.
    case removed(RawPath)
    /// A file or folder was renamed within the tree; for a folder, everything that
    /// lay under `from` now lies under `to`.
    case moved(from: RawPath, to: RawPath)
    /// A folder was created or moved in: it is watched now, and the caller should
    /// scan it, since files may have landed in it before the watch existed.
    case directoryAppeared(RawPath)
    /// A folder was deleted or moved out of the tree, with everything under it.
    case directoryRemoved(RawPath)
    /// The `.mlibignore` in this folder was written, created, deleted, had its
    /// permissions changed, or was renamed to or from that name (within the tree or
    /// across its edge): reload the folder's rules and rescan it.
    case rulesChanged(RawPath)
    /// The kernel's queue overflowed and events were lost: rescan the whole tree.
    case overflow
    /// The filesystem mounted at or above this folder (inside the tree) was
    /// unmounted: its files are out of reach, not deleted. Nothing under it is
    /// watched any more.
    case unmounted(RawPath)
    /// The watched root itself was deleted, moved or unmounted; watching has ended.
    case rootGone(RawPath)
}
