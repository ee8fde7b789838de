#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MLibCore
import MLibWatch

/// Turns the paths a user gives into canonical absolute ones.
enum PathResolver {
    /// The canonical absolute form of `path` (symbolic links and `..` resolved).
    static func absolute(_ path: RawPath) throws(WalkError) -> RawPath {
        guard let resolved = path.withCString({ realpath($0, nil) }) else {
            let code = errno
            throw WalkError(path: path, message: String(cString: strerror(code)).lowercased())
        }
        defer { free(resolved) }
        let length = strlen(resolved)
        return RawPath(bytes: Array(UnsafeRawBufferPointer(start: resolved, count: length)))
    }
}
