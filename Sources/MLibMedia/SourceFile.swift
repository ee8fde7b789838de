#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MLibCore

/// A regular file opened for reading, by its raw path.
///
/// Reads go through the file descriptor opened once, so a file renamed or deleted
/// mid-read is still read whole or reports a clear error, never a crash.
struct SourceFile: ~Copyable {
    let path: RawPath
    let size: Int
    private let descriptor: Int32

    /// Opens `path` for reading; fails for missing, unreadable and non-regular files.
    init(path: RawPath) throws(MediaError) {
        self.path = path
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        if fd < 0 { throw SourceFile.error(errno: errno, path: path, action: "open") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw SourceFile.error(errno: code, path: path, action: "stat")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw MediaError(.notRegularFile, path: path, detail: "not a regular file; skipped")
        }
        self.descriptor = fd
        self.size = Int(info.st_size)
    }

    deinit {
        close(descriptor)
    }

    /// Reads up to `limit` bytes from the start of the file.
    func read(upTo limit: Int = .max) throws(MediaError) -> [UInt8] {
        let wanted = min(limit, max(size, 0))
        var buffer = [UInt8](repeating: 0, count: wanted)
        var filled = 0
        while filled < wanted {
            let count = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + filled, wanted - filled, off_t(filled))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw SourceFile.error(errno: errno, path: path, action: "read")
            }
            if count == 0 { break }  // the file shrank while we read it
            filled += count
        }
        if filled < wanted { buffer.removeSubrange(filled...) }
        return buffer
    }

    /// Reads `count` bytes at `offset`, fewer at the end of the file.
    func read(at offset: Int, count: Int) throws(MediaError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(count, 0))
        var filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw SourceFile.error(errno: errno, path: path, action: "read")
            }
            if got == 0 { break }
            filled += got
        }
        if filled < count { buffer.removeSubrange(filled...) }
        return buffer
    }

    static func error(errno code: Int32, path: RawPath, action: String) -> MediaError {
        let message = String(cString: strerror(code))
        switch code {
        case ENOENT, ENOTDIR:
            return MediaError(.vanished, path: path, detail: "file vanished before it could be read (\(message))")
        case EACCES, EPERM:
            return MediaError(.unreadable, path: path, detail: "permission denied; check the file's permissions")
        case ELOOP:
            return MediaError(.notRegularFile, path: path, detail: "symbolic link loop; skipped")
        default:
            return MediaError(.io, path: path, detail: "cannot \(action) file: \(message)")
        }
    }
}
