import Foundation

/// An exclusive claim on embedding one model's passages in one library, held by one
/// process at a time (an `flock` on a file in the library's cache folder).
///
/// Two `mlib index` runs, or `index` beside `watch`, would otherwise both embed the
/// same passages: the second waits for the first, then finds them done. The kernel
/// drops the claim when its holder dies, so a killed process never leaves it stuck.
final class EmbeddingClaim {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the claim on `path`, calling `waiting` once if another process holds it,
    /// and asking `isCancelled` every 100 ms while it waits. Returns nil when the claim
    /// file cannot be made (a read-only folder: the work then goes unclaimed) or when
    /// cancelled.
    static func take(path: String, isCancelled: () -> Bool, waiting: () -> Void) -> EmbeddingClaim? {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        var announced = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, !isCancelled() else {
                close(descriptor)
                return nil
            }
            if !announced {
                waiting()
                announced = true
            }
            usleep(100_000)
        }
        return EmbeddingClaim(descriptor: descriptor)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
