public import MLibCore
import Synchronization

/// Files found to be of a type mlib does not index (a PDF, a zip), with the state
/// they had, remembered for the life of the process: a rescan or a poll passes an
/// unchanged one by instead of typing it again. The library stores no row for them.
public final class SkippedFiles: Sendable {
    private let files = Mutex<[RawPath: FileState]>([:])

    public init() {}

    /// Whether `path` was skipped with this very state (same size, mtime and inode).
    public func contains(_ path: RawPath, state: FileState) -> Bool {
        files.withLock { $0[path].map { $0.sameContent(as: state) } ?? false }
    }

    public func insert(_ path: RawPath, state: FileState) {
        files.withLock { $0[path] = state }
    }
}
