import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import MLibCore

/// Fingerprints a file's content, so a moved file is recognised by what it holds.
///
/// Files up to `fullHashLimit` are hashed whole with SHA-256. Larger ones (long
/// videos) are fingerprinted by their size and four 1 MiB samples spread over the
/// file: reading gigabytes on every index run would cost more than a rare
/// false "same content" between two huge files of exactly equal size.
public enum ContentHasher {
    static let fullHashLimit = 64 << 20
    static let sampleSize = 1 << 20

    /// The hex digest of the file at `path`, or nil when it cannot be read.
    public static func hash(_ path: RawPath) -> String? {
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        func feed(from offset: Int, count: Int) -> Bool {
            var position = offset
            let end = offset + count
            while position < end {
                let wanted = min(buffer.count, end - position)
                let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, wanted, off_t(position)) }
                if got < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                if got == 0 { break }
                buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<got])) }
                position += got
            }
            return true
        }
        if size <= fullHashLimit {
            guard feed(from: 0, count: size) else { return nil }
        } else {
            withUnsafeBytes(of: Int64(size).littleEndian) { hasher.update(bufferPointer: $0) }
            let last = size - sampleSize
            for offset in [0, last / 3, 2 * last / 3, last] {
                guard feed(from: offset, count: sampleSize) else { return nil }
            }
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
