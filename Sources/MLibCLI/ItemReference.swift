#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MLibCore
import MLibStore
import MLibWatch

/// How commands find the item a user names: by path, or by numeric id.
enum ItemReference {
    /// The stored form of the path given as the command-line `argument`, by the
    /// bytes actually passed (see `RawArguments`); `occurrence` tells apart
    /// arguments that decode to the same string.
    static func absolute(argument: String, occurrence: Int = 0) -> RawPath {
        absolute(RawPath(bytes: RawArguments.bytes(of: argument, occurrence: occurrence)))
    }

    /// The absolute form of a path as it is stored: symbolic links resolved when the
    /// path still exists (else those of its folder), otherwise made absolute against
    /// the working folder.
    static func absolute(_ path: RawPath) -> RawPath {
        if let resolved = try? PathResolver.absolute(path) { return resolved }
        var bytes = path.isAbsolute ? path.bytes : workingFolder() + [UInt8(ascii: "/")] + path.bytes
        while bytes.count > 1 && bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        let absolute = RawPath(bytes: bytes)
        // A file gone from disk is stored under its folder's canonical path.
        if let folder = try? PathResolver.absolute(absolute.parent) {
            return folder.appending(component: absolute.lastComponent)
        }
        return absolute
    }

    /// The item `reference` names: a path in the library, else an id.
    static func resolve(_ reference: String, in library: Library) throws -> StoredItem? {
        do {
            if let item = try library.item(path: absolute(argument: reference)) { return item }
            if let id = Int64(reference) { return try library.item(id: id) }
            return nil
        } catch {
            throw CLIError.library(error)
        }
    }

    /// The working folder's bytes, which need not be UTF-8 either.
    private static func workingFolder() -> [UInt8] {
        guard let folder = getcwd(nil, 0) else { return Array(FileManager.default.currentDirectoryPath.utf8) }
        defer { free(folder) }
        return Array(UnsafeRawBufferPointer(start: folder, count: strlen(folder)))
    }
}
