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
/// let library = try Library.open(at: "/tmp/demo.sqlite", mode: .readOnly)
/// print(try library.status().total)
/// ```
public final class Library: Sendable {
    /// The library file's path.
    public let path: String
    /// How the library was opened; a `.readOnly` library never writes.
    public let mode: OpenMode
    let pool: DatabasePool

    init(path: String, mode: OpenMode, pool: DatabasePool) {
        self.path = path
        self.mode = mode
        self.pool = pool
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
        if let damaged = error as? DamagedValue {
        return LibraryError(.corrupt, path: path, message: damaged.message)
    }
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
