#if canImport(Glibc)
import Glibc
#endif
public import MLibCore

/// What a path is right now, following symbolic links.
public enum FileProbe: Sendable, Hashable {
    case file(FileState)
    case folder
    /// A socket, fifo or device: nothing to index.
    case other
    /// Nothing is there (or a folder on the way is gone).
    case missing
    /// A symbolic link loop, or a path that cannot be examined (`errno` given).
    case unreachable(errno: Int32)

    /// Looks at `path` with `stat`.
    public static func probe(_ path: RawPath) -> FileProbe {
        var info = stat()
        guard path.withCString({ stat($0, &info) }) == 0 else {
            let code = errno
            return code == ENOENT || code == ENOTDIR ? .missing : .unreachable(errno: code)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(FileState(info))
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// Whether nothing at all is at `path`, not even a dangling link.
    public static func isAbsent(_ path: RawPath) -> Bool {
        var info = stat()
        return path.withCString { lstat($0, &info) } != 0 && (errno == ENOENT || errno == ENOTDIR)
    }
}
