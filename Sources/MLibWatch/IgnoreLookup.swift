#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import MLibCore

/// Answers whether a path is ignored, reading the `.mlibignore` files it needs as
/// it goes.
///
/// Before judging a path, the lookup reads the `.mlibignore` of every folder
/// above it, from `/` down to the path's own folder, each at most once. Folders
/// are read top-down, so once a path's folder has been read all folders above it
/// have been too, and judging a sibling costs one set lookup.
///
/// A lookup is a snapshot: a rule file it has read is not read again, so later
/// edits go unseen. Make a fresh lookup for each walk or batch of changes, or call
/// ``reload(folder:)`` when a rule file is known to have changed.
///
/// A rule file that exists but cannot be read (permissions, a folder by that name)
/// counts as absent, so one bad file never stops a walk; its path is added to
/// ``unreadableRuleFiles`` for the caller to report.
///
/// Give absolute paths: a relative path only sees rule files in the folders it
/// names, not those of the working folder and above.
///
/// ```swift
/// var ignoring = IgnoreLookup()
/// ignoring.isIgnored(RawPath("/media/cache/thumb.jpg"), isDirectory: false)
/// // reads /.mlibignore, /media/.mlibignore and /media/cache/.mlibignore
/// ```
public struct IgnoreLookup: Sendable {
    /// Rule files that exist but could not be read, and so were treated as absent.
    public private(set) var unreadableRuleFiles: [RawPath] = []

    private var rules = IgnoreRules()
    /// Folders whose rule file has been read or found absent.
    private var loadedFolders: Set<RawPath> = []

    /// A lookup that has read no rule file yet.
    public init() {}

    /// Whether `path` should be left alone, by the built-in name rules and the
    /// `.mlibignore` files of the folders above it.
    ///
    /// `isDirectory` matters for folder-only patterns (a trailing `/`). Reads the
    /// rule files of folders above `path` that this lookup has not read yet.
    public mutating func isIgnored(_ path: RawPath, isDirectory: Bool) -> Bool {
        loadRuleFiles(above: path)
        return rules.isIgnored(path, isDirectory: isDirectory)
    }

    /// Whether the `.mlibignore` files alone leave `path` out, the built-in name
    /// rules aside.
    mutating func isExcludedByRuleFiles(_ path: RawPath, isDirectory: Bool) -> Bool {
        loadRuleFiles(above: path)
        return rules.isExcludedByRuleFiles(path, isDirectory: isDirectory)
    }

    /// Reads the `.mlibignore` in `folder` again, as after it was written, created,
    /// deleted or renamed.
    ///
    /// Does nothing for a folder this lookup has not read yet, since it will be read
    /// when first needed.
    public mutating func reload(folder: RawPath) {
        let folder = Self.normalized(folder)
        guard loadedFolders.contains(folder) else { return }
        load(folder)
    }

    /// Reads the `.mlibignore` in `folder` through `descriptor`, that folder open,
    /// unless it was read already: a folder whose path is too long for `open` is
    /// reached this way before the paths inside it are judged.
    mutating func loadRuleFile(of folder: RawPath, descriptor: Int32) {
        let folder = Self.normalized(folder)
        guard !loadedFolders.contains(folder) else { return }
        load(folder, descriptor: descriptor)
    }

    private mutating func loadRuleFiles(above path: RawPath) {
        let path = Self.normalized(path)
        guard let parentEnd = Self.parentEnd(of: path.bytes) else { return }
        if loadedFolders.contains(Self.folder(path.bytes, end: parentEnd)) { return }
        for (index, byte) in path.bytes.enumerated() where byte == UInt8(ascii: "/") {
            // A run of slashes ends a folder name only once.
            if index > 0, path.bytes[index - 1] == UInt8(ascii: "/") { continue }
            let folder = Self.folder(path.bytes, end: index)
            if !loadedFolders.contains(folder) { load(folder) }
            if index == parentEnd { break }
        }
    }

    private mutating func load(_ folder: RawPath, descriptor: Int32 = AT_FDCWD) {
        let file = folder.appending(component: IgnoreRules.ignoreFileName)
        do {
            if descriptor == AT_FDCWD {
                try rules.load(ignoreFile: file, base: folder)
            } else {
                try rules.load(ignoreFile: RawPath(IgnoreRules.ignoreFileName), base: folder, relativeTo: descriptor)
            }
            unreadableRuleFiles.removeAll { $0 == file }
        } catch {
            rules.unload(base: folder)
            if !unreadableRuleFiles.contains(file) { unreadableRuleFiles.append(file) }
        }
        loadedFolders.insert(folder)
    }

    /// Where the last folder name above the path ends: the index of the slash after
    /// it, or nil when the path names no folder above itself.
    private static func parentEnd(of bytes: [UInt8]) -> Int? {
        guard var slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        while slash > 0, bytes[slash - 1] == UInt8(ascii: "/") { slash -= 1 }
        return slash
    }

    /// The folder made of the bytes before `end`; `/` when `end` is 0.
    private static func folder(_ bytes: [UInt8], end: Int) -> RawPath {
        end == 0 ? RawPath("/") : RawPath(bytes: Array(bytes[..<end]))
    }

    /// `path` without trailing slashes, so `/a/b/` and `/a/b` share their folders.
    private static func normalized(_ path: RawPath) -> RawPath {
        var bytes = path.bytes
        while bytes.count > 1, bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        return bytes.count == path.bytes.count ? path : RawPath(bytes: bytes)
    }
}
