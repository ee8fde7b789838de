#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import MLibCore

/// Walks folders by their raw bytes and reports every regular file with its state.
///
/// Hidden entries (names starting with `.`) are skipped, as are sidecar files that
/// only describe another file (`.xmp`, `.srt`, `.vtt`). Symbolic links are followed;
/// each folder is walked once however many links lead to it, so a link loop can
/// never trap the walk. A link that cannot be resolved (a loop, a dangling target)
/// is reported as a problem, as is a folder that cannot be read.
public struct DirectoryWalker: Sendable {
    /// One thing the walk found.
    public enum Entry: Sendable, Hashable {
        case file(RawPath, FileState)
        /// A path that should have been a file but could not be examined.
        case problem(RawPath, code: String, reason: String)
    }

    /// Extensions of files that are evidence for a neighbour, not items of their own.
    public static let sidecarExtensions: Set<String> = ["xmp", "srt", "vtt"]

    public init() {}

    /// Calls `visit` for each entry under `root` (or for `root` itself if it is a file).
    ///
    /// Throws only when `root` itself cannot be examined.
    public func walk(_ root: RawPath, visit: (Entry) -> Void) throws(WalkError) {
        var info = stat()
        guard root.withCString({ stat($0, &info) }) == 0 else {
            throw WalkError(path: root, errno: errno)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            var seen: Set<FileIdentity> = [FileIdentity(info)]
            walkFolder(root, seen: &seen, visit: visit)
        } else if (info.st_mode & S_IFMT) == S_IFREG {
            visit(.file(root, FileState(info)))
        } else {
            throw WalkError(path: root, message: "not a regular file or folder")
        }
    }

    private func walkFolder(_ folder: RawPath, seen: inout Set<FileIdentity>, visit: (Entry) -> Void) {
        guard let stream = folder.withCString({ opendir($0) }) else {
            let code = errno
            visit(.problem(folder, code: "unreadable", reason: "cannot read folder: \(String(cString: strerror(code)))"))
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name.first == UInt8(ascii: ".") { continue }  // ".", "..", hidden
            names.append(name)
        }
        closedir(stream)
        names.sort { $0.lexicographicallyPrecedes($1) }

        for name in names {
            let path = folder.appending(component: name)
            var info = stat()
            guard path.withCString({ lstat($0, &info) }) == 0 else { continue }  // vanished since readdir
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if seen.insert(FileIdentity(info)).inserted {
                    walkFolder(path, seen: &seen, visit: visit)
                }
            case S_IFREG:
                if !isSidecar(path) { visit(.file(path, FileState(info))) }
            case S_IFLNK:
                var target = stat()
                if path.withCString({ stat($0, &target) }) != 0 {
                    let code = errno
                    let reason =
                        code == ELOOP
                        ? "symbolic link loop; the link never reaches a file"
                        : "broken symbolic link: \(String(cString: strerror(code)))"
                    visit(.problem(path, code: code == ELOOP ? "symlink-loop" : "broken-link", reason: reason))
                } else if (target.st_mode & S_IFMT) == S_IFDIR {
                    if seen.insert(FileIdentity(target)).inserted {
                        walkFolder(path, seen: &seen, visit: visit)
                    }
                } else if (target.st_mode & S_IFMT) == S_IFREG, !isSidecar(path) {
                    visit(.file(path, FileState(target)))
                }
            default:
                continue  // sockets, fifos, devices hold no media
            }
        }
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
