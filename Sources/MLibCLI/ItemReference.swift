import Foundation
import MLibCore
import MLibStore
import MLibWatch

/// How commands find the item a user names: by path, or by numeric id.
enum ItemReference {
    /// The absolute form of a path as it is stored: symbolic links resolved when the
    /// path still exists, otherwise made absolute against the working folder.
    static func absolute(_ path: String) -> RawPath {
        if let resolved = try? PathResolver.absolute(RawPath(path)) { return resolved }
        var absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        while absolute.count > 1 && absolute.hasSuffix("/") { absolute.removeLast() }
        return RawPath(absolute)
    }

    /// The item `reference` names: a path in the library, else an id.
    static func resolve(_ reference: String, in library: Library) throws -> StoredItem? {
        do {
            if let item = try library.item(path: absolute(reference)) { return item }
            if let id = Int64(reference) { return try library.item(id: id) }
            return nil
        } catch {
            throw CLIError.library(error)
        }
    }
}
