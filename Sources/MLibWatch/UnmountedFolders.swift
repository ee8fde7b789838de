import MLibCore
import Synchronization

/// Folders inside the watched trees whose disk was unmounted, shared by the event
/// loop (which learns of them and notices remounts) and ingest (which keeps their
/// items): an unplugged disk must not empty the library.
final class UnmountedFolders: Sendable {
    private let folders = Mutex<[RawPath]>([])

    var all: [RawPath] { folders.withLock { $0 } }

    /// Adds folders, keeping only the outermost; returns those not covered before.
    func add(_ new: [RawPath]) -> [RawPath] {
        folders.withLock { folders in
            let fresh = new.outermost().filter { folder in !folders.contains { folder.isInside($0) } }
            folders = (folders + fresh).outermost()
            return fresh
        }
    }

    func remove(_ folder: RawPath) {
        folders.withLock { $0.removeAll { $0.isInside(folder) } }
    }
}
