import Foundation
import GRDB
import MLibCore

/// The library file: one SQLite database in WAL mode holding items, segments,
/// failures and the full-text indexes.
///
/// Readers never block the writer or each other (WAL), so `mlib search` runs while
/// `mlib index` or a watcher writes. All access goes through GRDB's pool, which
/// serialises writes itself.
///
/// ```swift
/// let library = try Library.open(at: "/tmp/demo.sqlite")
/// print(try library.status().total)
/// ```
public final class Library: Sendable {
    /// The library file's path.
    public let path: String
    let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens the library at `path`, creating it and its folder when missing, and
    /// brings its schema up to date.
    ///
    /// Fails with `.newerSchema` for a file written by a newer mlib, and `.corrupt`
    /// for a file that is not an mlib library.
    public static func open(at path: String) throws(LibraryError) -> Library {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw LibraryError(.cannotOpen, path: path, message: "cannot create folder \(folder): \(error.localizedDescription)")
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Readers map the file: a search then reads pages without a system call
            // each. The writer does not, so indexing's memory stays its own.
            if db.configuration.readonly {
                try db.execute(sql: "PRAGMA mmap_size = 1073741824")
            }
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw LibraryError.from(error, path: path, action: "open")
        }
        let library = Library(path: path, pool: pool)
        try library.migrate()
        return library
    }

    private func migrate() throws(LibraryError) {
        let migrator = SchemaMigrations.migrator()
        do {
            try pool.write { db in
                if try migrator.hasBeenSuperseded(db) {
                    let known = try migrator.appliedIdentifiers(db)
                    throw LibraryError(
                        .newerSchema, path: path,
                        message: "written by a newer mlib (schema has migrations this mlib does not know, it knows up to "
                            + "\(SchemaMigrations.latest)); upgrade mlib or use another --library. Applied here: \(known.sorted().last ?? "none")")
                }
            }
            try migrator.migrate(pool)
            try pool.write { db in
                try db.execute(
                    sql: "INSERT OR IGNORE INTO library_info (key, value) VALUES ('created_at', ?)",
                    arguments: [ISO8601DateFormatter().string(from: Date())])
            }
        } catch let error as LibraryError {
            throw error
        } catch {
            throw LibraryError.from(error, path: path, action: "prepare")
        }
    }

    /// The schema version this library is at: the name of its last migration.
    public func schemaVersion() throws(LibraryError) -> String {
        try read { db in try SchemaMigrations.migrator().appliedIdentifiers(db).sorted().last ?? "none" }
    }

    /// Runs `body` in a read transaction, mapping errors to `LibraryError`.
    func read<T>(_ body: (Database) throws -> T) throws(LibraryError) -> T {
        do {
            return try pool.read(body)
        } catch let error as LibraryError {
            throw error
        } catch {
            throw LibraryError.from(error, path: path, action: "read")
        }
    }

    /// Runs `body` in one write transaction, mapping errors to `LibraryError`.
    func write<T>(_ body: (Database) throws -> T) throws(LibraryError) -> T {
        do {
            return try pool.write(body)
        } catch let error as LibraryError {
            throw error
        } catch {
            throw LibraryError.from(error, path: path, action: "write")
        }
    }
}

extension LibraryError {
    static func from(_ error: any Error, path: String, action: String) -> LibraryError {
        guard let error = error as? DatabaseError else {
            return LibraryError(.database, path: path, message: "cannot \(action): \(error)")
        }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return LibraryError(.corrupt, path: path, message: "not an mlib library or damaged (\(detail)); pass another --library")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
            return LibraryError(.cannotOpen, path: path, message: "cannot \(action) the library file (\(detail)); check the path and its permissions")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return LibraryError(.busy, path: path, message: "the library is busy in another process; try again")
        default:
            return LibraryError(.database, path: path, message: "cannot \(action): \(detail)")
        }
    }
}
