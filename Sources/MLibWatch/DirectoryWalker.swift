#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import MLibCore

/// Walks folders by their raw bytes and reports every regular file with its state.
///
/// What `IgnoreRules` leaves out is skipped: hidden entries (names starting with
/// `.`), temporary names (`film.mkv.part`, `notes.md~`, `#draft#`, …) and whatever
/// the `.mlibignore` files in and above the walked folders exclude. An ignored
/// folder is not entered. Sidecar files that only describe another file (`.xmp`,
/// `.srt`, `.vtt`) are skipped too. Symbolic links are followed; each folder is
/// walked once however many links lead to it, so a link loop can never trap the
/// walk. A link that cannot be resolved (a loop, a dangling target) is reported as
/// a problem, as is a folder that cannot be read.
///
/// An entry whose path is `PATH_MAX` bytes or longer cannot be named to the
/// kernel by its path; the walk reaches it relative to its folder's descriptor
/// (`fstatat`, `openat`) and reports each such file as a `path-too-long` problem,
/// since the readers downstream open files by path.
///
/// The root itself is judged by the `.mlibignore` files above it only: a root they
/// exclude, file or folder, yields nothing, as the watcher's caller would drop its
/// changes; the built-in name rules do not apply to a root the caller named
/// (walking `~/.photos` or `clip.mp4.part` explicitly reports what is there).
public struct DirectoryWalker: Sendable {
    /// One thing the walk found.
    public enum Entry: Sendable, Hashable {
        /// A regular file (or a link to one), with its state as `stat` reports it.
        case file(RawPath, FileState)
        /// A path that should have been a file but could not be examined.
        case problem(RawPath, code: String, reason: String)
    }

    /// Extensions of files that are evidence for a neighbour, not items of their own.
    public static let sidecarExtensions: Set<String> = ["xmp", "srt", "vtt"]

    /// The code and reason reported for a file whose path is too long to open.
    public static let pathTooLong = (
        code: "path-too-long",
        reason: "path is longer than PATH_MAX (\(PATH_MAX) bytes); mlib cannot read it — move it to a shorter path"
    )

    /// Whether system calls refuse `path` as too long: `PATH_MAX` counts the NUL.
    public static func exceedsPathMax(_ path: RawPath) -> Bool {
        path.bytes.count >= Int(PATH_MAX)
    }

    /// A walker; it holds no state, so one can serve any number of walks.
    /// The trees being indexed: a symbolic link to a folder inside one of them is
    /// not followed, since that folder is found under its own path (an empty list
    /// means the walked root's tree).
    public var trees: [RawPath]

    public init(trees: [RawPath] = []) {
        self.trees = trees
    }

    /// Whether `path` is a symbolic link to a folder inside `trees` (a shortcut
    /// within them, or a loop), which is indexed where it really is.
    public func isShortcut(_ path: RawPath) -> Bool {
        Self.isShortcut(path, within: trees)
    }

    static func isShortcut(_ path: RawPath, within trees: [RawPath]) -> Bool {
        var info = stat()
        guard path.withCString({ lstat($0, &info) }) == 0, (info.st_mode & S_IFMT) == S_IFLNK,
            let real = try? PathResolver.absolute(path)
        else { return false }
        return trees.contains { real.isInside($0) }
    }

    /// Calls `visit` for each entry under `root` (or for `root` itself if it is a
    /// file) that the ignore rules keep, reading rule files with a fresh `IgnoreLookup`.
    ///
    /// Throws only when `root` itself cannot be examined.
    public func walk(_ root: RawPath, visit: (Entry) -> Void) throws(WalkError) {
        var ignoring = IgnoreLookup()
        try walk(root, ignoring: &ignoring, visit: visit)
    }

    /// Calls `visit` for each entry under `root` (or for `root` itself if it is a
    /// file) that the ignore rules keep, reading rule files through `ignoring`.
    ///
    /// Share one lookup between walks of overlapping roots so each rule file is read
    /// once; it then holds the rules as they were when first read. Rule files that
    /// could not be read are listed in its `unreadableRuleFiles`. Throws only when
    /// `root` itself cannot be examined.
    public func walk(_ root: RawPath, ignoring: inout IgnoreLookup, visit: (Entry) -> Void) throws(WalkError) {
        var info = stat()
        guard root.withCString({ stat($0, &info) }) == 0 else {
            throw WalkError(path: root, errno: errno)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard !ignoring.isExcludedByRuleFiles(root, isDirectory: true) else { return }
            var seen: Set<FileIdentity> = [FileIdentity(info)]
            let trees = trees.isEmpty ? [(try? PathResolver.absolute(root)) ?? root] : trees
            walkFolder(root, trees: trees, seen: &seen, ignoring: &ignoring, visit: visit)
        } else if (info.st_mode & S_IFMT) == S_IFREG {
            guard !ignoring.isExcludedByRuleFiles(root, isDirectory: false) else { return }
            visit(.file(root, FileState(info)))
        } else {
            throw WalkError(path: root, message: "not a regular file or folder")
        }
    }

    /// Walks `folder`, opened by its path, or relative to `parent` (its folder's
    /// open descriptor) when its path is too long for that.
    private func walkFolder(
        _ folder: RawPath, parent: Int32 = AT_FDCWD, trees: [RawPath], seen: inout Set<FileIdentity>,
        ignoring: inout IgnoreLookup, visit: (Entry) -> Void
    ) {
        let stream: OpaquePointer?
        if parent == AT_FDCWD {
            stream = folder.withCString { opendir($0) }
        } else {
            let descriptor = RawPath(bytes: folder.lastComponent).withCString {
                openat(parent, $0, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            }
            stream = descriptor < 0 ? nil : fdopendir(descriptor)
            if descriptor >= 0, stream == nil { close(descriptor) }
        }
        guard let stream else {
            let code = errno
            visit(.problem(folder, code: "unreadable", reason: "cannot read folder: \(String(cString: strerror(code)))"))
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            // ".", ".." and hidden or temporary names, before any system call on them.
            if IgnoreRules.isTemporaryOrHidden(name: name) { continue }
            names.append(name)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }

        // Entries whose paths are too long are reached relative to this folder, so
        // it stays open while they are examined. Otherwise it is closed before
        // descending, so deep trees do not hold a descriptor per level.
        let holdsOpen = folder.bytes.count + 1 + (names.map(\.count).max() ?? 0) >= Int(PATH_MAX)
        let descriptor = holdsOpen ? dirfd(stream) : AT_FDCWD
        if !holdsOpen { closedir(stream) }
        defer { if holdsOpen { closedir(stream) } }
        if parent != AT_FDCWD { ignoring.loadRuleFile(of: folder, descriptor: descriptor) }

        for name in names {
            let path = folder.appending(component: name)
            let tooLong = Self.exceedsPathMax(path)
            let (base, named) = tooLong ? (descriptor, RawPath(bytes: name)) : (AT_FDCWD, path)
            var info = stat()
            guard named.withCString({ fstatat(base, $0, &info, AT_SYMLINK_NOFOLLOW) }) == 0 else {
                // Gone since readdir is nothing to report; anything else is.
                let code = errno
                if code != ENOENT, !ignoring.isIgnored(path, isDirectory: false) {
                    visit(.problem(path, code: "unreadable", reason: "cannot examine: \(String(cString: strerror(code)))"))
                }
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if !ignoring.isIgnored(path, isDirectory: true), seen.insert(FileIdentity(info)).inserted {
                    walkFolder(path, parent: base, trees: trees, seen: &seen, ignoring: &ignoring, visit: visit)
                }
            case S_IFREG:
                if !isSidecar(path), !ignoring.isIgnored(path, isDirectory: false) {
                    visit(tooLong ? Self.tooLongProblem(path) : .file(path, FileState(info)))
                }
            case S_IFLNK:
                var target = stat()
                if named.withCString({ fstatat(base, $0, &target, 0) }) != 0 {
                    let code = errno
                    guard !ignoring.isIgnored(path, isDirectory: false) else { continue }
                    let reason =
                        code == ELOOP
                        ? "symbolic link loop; the link never reaches a file"
                        : "broken symbolic link: \(String(cString: strerror(code)))"
                    visit(.problem(path, code: code == ELOOP ? "symlink-loop" : "broken-link", reason: reason))
                } else if (target.st_mode & S_IFMT) == S_IFDIR {
                    if Self.isShortcut(path, within: trees) { continue }  // its folder is walked where it is
                    if !ignoring.isIgnored(path, isDirectory: true), seen.insert(FileIdentity(target)).inserted {
                        walkFolder(path, parent: base, trees: trees, seen: &seen, ignoring: &ignoring, visit: visit)
                    }
                } else if (target.st_mode & S_IFMT) == S_IFREG, !isSidecar(path),
                    !ignoring.isIgnored(path, isDirectory: false)
                {
                    visit(tooLong ? Self.tooLongProblem(path) : .file(path, FileState(target)))
                }
            default:
                continue  // sockets, fifos, devices hold no media
            }
        }
    }

    private static func tooLongProblem(_ path: RawPath) -> Entry {
        .problem(path, code: pathTooLong.code, reason: pathTooLong.reason)
    }

    private func isSidecar(_ path: RawPath) -> Bool {
        Self.sidecarExtensions.contains(path.pathExtension)
    }
}

/// A folder's identity, to notice a folder reached twice (bind mounts).
private struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

extension FileState {
    /// The state `stat` reports.
    init(_ info: stat) {
        self.init(
            size: Int64(info.st_size),
            modificationTimeNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            inode: UInt64(info.st_ino),
            device: UInt64(info.st_dev))
    }
}
