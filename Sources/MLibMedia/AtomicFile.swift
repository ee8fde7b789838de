#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MLibCore

/// Writes a file so that readers see the old one or the whole new one, never a part:
/// the bytes go to a temporary file beside it, which is synced and renamed over it.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: RawPath, what: String) throws(MediaError) {
        var template = path.parent.appending(
            component: [UInt8(ascii: ".")] + path.lastComponent + Array(".XXXXXX".utf8)
        ).bytes
        template.append(0)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mkstemp($0.baseAddress!) }
        }
        guard descriptor >= 0 else { throw error(errno, path: path, what: what) }
        let temporary = RawPath(bytes: Array(template.dropLast()))
        var failure: Int32 = 0
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                pwrite(descriptor, raw.baseAddress! + written, bytes.count - written, off_t(written))
            }
            if count < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            written += count
        }
        if failure == 0, fchmod(descriptor, 0o644) != 0 || fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure == 0 {
            let renamed = temporary.withCString { from in path.withCString { to in rename(from, to) } }
            if renamed != 0 { failure = errno }
        }
        if failure != 0 {
            _ = temporary.withCString { unlink($0) }
            throw error(failure, path: path, what: what)
        }
    }

    private static func error(_ code: Int32, path: RawPath, what: String) -> MediaError {
        let reason =
            switch code {
            case EACCES, EPERM, EROFS: "permission denied; check the folder's permissions"
            case ENOENT, ENOTDIR: "its folder does not exist"
            case ENOSPC, EDQUOT: "the disk is full"
            default: String(cString: strerror(code))
            }
        return MediaError(.io, path: path, detail: "cannot write the \(what): \(reason)")
    }
}
