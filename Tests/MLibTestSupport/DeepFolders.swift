import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A chain of nested folders whose full path is longer than `PATH_MAX`, made with
/// `mkdirat` and `openat` relative to each folder, since no call taking a path can
/// reach the deepest ones.
public struct DeepFolders: Sendable {
    /// The deepest folder's absolute path.
    public let path: [UInt8]

    public struct Failure: Error, CustomStringConvertible {
        public var step: String
        public var code: Int32
        public var description: String { "cannot \(step): \(String(cString: strerror(code)))" }
    }

    /// Makes `depth` folders, each named `name` repeated to `nameLength` bytes, under
    /// `base`, and writes `files` (name → contents) and symbolic `links` (name →
    /// target) into the deepest.
    public init(
        under base: String, nameLength: Int = 200, depth: Int, files: [String: String], links: [String: String] = [:]
    ) throws {
        let component = Array(repeating: UInt8(ascii: "d"), count: nameLength)
        var folder = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw Failure(step: "open \(base)", code: errno) }
        defer { close(folder) }
        var path = Array(base.utf8)
        for _ in 0..<depth {
            let name = String(decoding: component, as: UTF8.self)
            guard mkdirat(folder, name, 0o755) == 0 else { throw Failure(step: "make a deep folder", code: errno) }
            let next = openat(folder, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard next >= 0 else { throw Failure(step: "open a deep folder", code: errno) }
            close(folder)
            folder = next
            path += [UInt8(ascii: "/")] + component
        }
        for (name, contents) in files {
            let fd = openat(folder, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw Failure(step: "create \(name)", code: errno) }
            _ = contents.withCString { write(fd, $0, strlen($0)) }
            close(fd)
        }
        for (name, target) in links {
            guard symlinkat(target, folder, name) == 0 else { throw Failure(step: "link \(name)", code: errno) }
        }
        self.path = path
    }

    /// Removes `folder` and everything in it, however deep (`rm` walks by descriptor).
    public static func remove(_ folder: String) {
        _ = try? ExternalTool.run("rm", ["-rf", folder])
    }
}
