import Foundation

/// The library file as bytes on disk, looked at before SQLite opens it, so a file
/// that is not a library is refused without SQLite touching it.
enum LibraryFile {
    enum State: Equatable {
        case missing
        /// Zero bytes: SQLite would take it for an empty database.
        case empty
        /// An SQLite database, with the application id its header holds.
        case database(applicationID: Int32)
    }

    /// What is at `path`; throws `.corrupt` for a file that is not SQLite.
    static func inspect(_ path: String) throws(LibraryError) -> State {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return .missing }
            throw LibraryError(
                .cannotOpen, path: path,
                message: "cannot look at the library file (\(String(cString: strerror(code)))); check the path and its permissions")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw LibraryError(.cannotOpen, path: path, message: "a folder, not a library file; pass a file path with --library")
        }
        if info.st_size == 0 { return .empty }
        let header: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            header = try handle.read(upToCount: 100) ?? Data()
        } catch {
            throw LibraryError(
                .cannotOpen, path: path,
                message: "cannot read the library file (\(error.localizedDescription)); check its permissions")
        }
        // https://www.sqlite.org/fileformat.html: a 100-byte header starting with this
        // string; the application id is the big-endian integer at offset 68.
        guard header.count == 100, header.starts(with: Array("SQLite format 3\u{0}".utf8)) else {
            throw LibraryError(.corrupt, path: path, message: "not an SQLite database, so not an mlib library; pass another --library")
        }
        let id = header.dropFirst(68).prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return .database(applicationID: Int32(bitPattern: id))
    }

    /// The error for a header that names another program, or nil. A header id of 0
    /// says nothing yet: the file may be an unmarked library, or the id may still be
    /// in the write-ahead log.
    static func refusal(applicationID: Int32, path: String) -> LibraryError? {
        guard applicationID != 0, applicationID != LibraryIdentity.applicationID else { return nil }
        return LibraryIdentity.foreign(applicationID: applicationID).refusal(path: path, blankIsLibrary: false)
    }

    static func notFound(_ path: String) -> LibraryError {
        LibraryError(
            .notFound, path: path,
            message: "no library file exists there; index something first (`mlib index DIR`) or pass --library")
    }

    static func emptyFile(_ path: String) -> LibraryError {
        LibraryError(
            .notALibrary, path: path,
            message: "an empty file, not an mlib library; pass another --library, or remove it and run `mlib index DIR`")
    }

    static func createFolder(of path: String) throws(LibraryError) {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw LibraryError(.cannotOpen, path: path, message: "cannot create folder \(folder): \(error.localizedDescription)")
        }
    }

    /// An SQLite URI that opens `path` read-only as a file nobody changes (no WAL,
    /// no locks).
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        return "file:" + encoded + "?mode=ro&immutable=1"
    }
}
