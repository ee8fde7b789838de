#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The lock that lets one watcher at a time keep a library, held with `flock` on a
/// file beside it; the kernel drops it when the process ends, however it ends.
public final class WatchLock: Sendable {
    /// Why the lock could not be taken.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    private let descriptor: Int32
    let path: String

    /// The lock file of the library at `libraryPath`.
    public static func path(library libraryPath: String) -> String { libraryPath + ".watch.lock" }

    /// Takes the lock, or throws when another watcher holds it (naming its pid).
    public init(library libraryPath: String) throws(Failure) {
        path = Self.path(library: libraryPath)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Failure(description: "cannot create the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.holder(fd: fd)
            close(fd)
            throw Failure(
                description: "another mlib watch\(holder.map { " (pid \($0))" } ?? "") is already keeping \(libraryPath); "
                    + "stop it first, or use another --library")
        }
        descriptor = fd
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        close(descriptor)
    }

    /// Whether a watcher holds the lock of the library at `libraryPath` now.
    public static func isHeld(library libraryPath: String) -> Bool {
        let fd = open(path(library: libraryPath), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    private static func holder(fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
