#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import MLibCore

/// Turns the paths a user gives into canonical absolute ones, as the library stores them.
public enum PathResolver {
    /// The canonical absolute form of `path` (symbolic links and `..` resolved).
    public static func absolute(_ path: RawPath) throws(WalkError) -> RawPath {
        guard let resolved = path.withCString({ realpath($0, nil) }) else {
            let code = errno
            throw WalkError(path: path, message: String(cString: strerror(code)).lowercased())
        }
        defer { free(resolved) }
        let length = strlen(resolved)
        return RawPath(bytes: Array(UnsafeRawBufferPointer(start: resolved, count: length)))
    }
}
