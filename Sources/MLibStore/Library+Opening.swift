import Foundation
import GRDB

extension Library {
    /// What opening a library may do to the file.
    public enum OpenMode: Sendable, Hashable {
        /// Creates the file and its folder when missing, and brings the schema up to
        /// date (`mlib index`, `mlib watch`).
        case create
        /// The file must exist; brings the schema up to date (`mlib forget`).
        case readWrite
        /// The file must exist; never writes to it or takes its write lock (`mlib
        /// search`, `show`, `status`). An older library is upgraded first when it
        /// can be written at once; otherwise the open fails with `.outdatedSchema`.
        case readOnly
    }

    /// How long opening waits for another process that holds the library locked.
    static let busyTimeout: TimeInterval = 10

    /// Opens the library at `path` in `.create` mode.
    public static func open(at path: String) throws(LibraryError) -> Library {
        try open(at: path, mode: .create)
    }

    /// Opens the library at `path`.
    ///
    /// Fails with `.notFound` when the file is missing and `mode` is not `.create`,
    /// `.notALibrary` for an empty file (outside `.create`) or another program's
    /// database, `.corrupt` for a file that is not SQLite, and `.newerSchema` for a
    /// file written by a newer mlib. Files that are refused are left untouched.
    ///
    /// Creating or upgrading waits, up to ten seconds, for another process doing the
    /// same: two `mlib index` runs started together both get the one library.
    ///
    /// ```swift
    /// let library = try Library.open(at: path, mode: .readOnly)
    /// ```
    public static func open(at path: String, mode: OpenMode) throws(LibraryError) -> Library {
        if mode == .readOnly { return try openReadOnly(at: path) }
        let deadline = Date().addingTimeInterval(busyTimeout)
        var pause: TimeInterval = 0.01
        while true {
            // Some lock conflicts end an open at once instead of waiting in SQLite's
            // busy handler (two connections switching a new file to WAL); try again.
            switch Result(catching: { () throws(LibraryError) in try openWritable(at: path, mode: mode, busyTimeout: busyTimeout) }) {
            case .success(let library):
                return library
            case .failure(let error) where error.code == .busy && Date() < deadline:
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.25)
            case .failure(let error):
                throw error
            }
        }
    }

    private static func openWritable(at path: String, mode: OpenMode, busyTimeout: TimeInterval) throws(LibraryError) -> Library {
        switch try LibraryFile.inspect(path) {
        case .missing:
            guard mode == .create else { throw LibraryFile.notFound(path) }
            try LibraryFile.createFolder(of: path)
        case .empty:
            guard mode == .create else { throw LibraryFile.emptyFile(path) }
        case .database(let applicationID):
            if let refusal = LibraryFile.refusal(applicationID: applicationID, path: path) { throw refusal }
            if applicationID == 0 {
                // Opening for writing switches the file to WAL, which would change
                // another program's database: look first, through a read-only connection.
                let identity = try inspect(path) { db in try LibraryIdentity.of(db) }
                if let refusal = identity.refusal(path: path, blankIsLibrary: mode == .create) { throw refusal }
            }
        }
        let pool = try makePool(path: path, readonly: false, busyTimeout: busyTimeout)
        do {
            let current = try pool.read { db in
                let identity = try LibraryIdentity.of(db)
                let state = try SchemaMigrations.state(db)
                if !state.unknown.isEmpty { throw SchemaMigrations.newerSchemaError(path: path, state: state) }
                return identity == .library && state.pending.isEmpty
            }
            if !current {
                try pool.writeWithoutTransaction { db in
                    try SchemaMigrations.migrate(db, path: path, blankIsLibrary: mode == .create)
                }
            }
        } catch let error as LibraryError {
            throw error
        } catch {
            throw LibraryError.from(error, path: path, action: "prepare")
        }
        return Library(path: path, mode: mode, pool: pool)
    }

    private static func openReadOnly(at path: String) throws(LibraryError) -> Library {
        switch try LibraryFile.inspect(path) {
        case .missing:
            throw LibraryFile.notFound(path)
        case .empty:
            throw LibraryFile.emptyFile(path)
        case .database(let applicationID):
            if let refusal = LibraryFile.refusal(applicationID: applicationID, path: path) { throw refusal }
        }
        let (pool, identity, state) = try readOnlyPool(path: path)
        if let refusal = identity.refusal(path: path, blankIsLibrary: false) { throw refusal }
        if !state.unknown.isEmpty { throw SchemaMigrations.newerSchemaError(path: path, state: state) }
        if state.pending.isEmpty { return Library(path: path, mode: .readOnly, pool: pool) }

        // An older library: upgrade it now if nobody holds it and it can be written,
        // but never wait long behind a writer (an index run may hold it for minutes).
        switch Result(catching: { () throws(LibraryError) in try openWritable(at: path, mode: .readWrite, busyTimeout: 0.5) }) {
        case .success:
            break
        case .failure(let error) where error.code == .busy || error.code == .cannotOpen:
            throw LibraryError(
                .outdatedSchema, path: path,
                message: "the library's schema (\(state.applied.sorted().last ?? "none")) is older than this mlib's "
                    + "(\(SchemaMigrations.latest)) and cannot be upgraded now (\(error.message)); run `mlib index` once to upgrade it")
        case .failure(let error):
            throw error
        }
        return Library(path: path, mode: .readOnly, pool: try readOnlyPool(path: path).pool)
    }

    /// A read-only pool on `path` with the file's identity and schema state.
    ///
    /// Reading a WAL library needs its `-shm` file. When it cannot be opened or made
    /// (a folder the user cannot write, and no writer running, since none could
    /// write there either), the file is read as immutable: it is all there is.
    private static func readOnlyPool(
        path: String
    ) throws(LibraryError) -> (pool: DatabasePool, identity: LibraryIdentity, state: SchemaMigrations.State) {
        func attempt(_ location: String) throws -> (DatabasePool, LibraryIdentity, SchemaMigrations.State) {
            let pool = try DatabasePool(path: location, configuration: configuration(readonly: true, busyTimeout: busyTimeout))
            let (identity, state) = try pool.read { db in (try LibraryIdentity.of(db), try SchemaMigrations.state(db)) }
            return (pool, identity, state)
        }
        do {
            return try attempt(path)
        } catch let error as DatabaseError
            where error.resultCode.primaryResultCode == .SQLITE_CANTOPEN || error.resultCode.primaryResultCode == .SQLITE_READONLY
        {
            do {
                return try attempt(LibraryFile.immutableURI(path))
            } catch {
                throw LibraryError.from(error, path: path, action: "open")
            }
        } catch {
            throw LibraryError.from(error, path: path, action: "open")
        }
    }

    /// Runs `body` on a short-lived read-only connection to `path`.
    private static func inspect<T>(_ path: String, _ body: (Database) throws -> T) throws(LibraryError) -> T {
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readonly: true, busyTimeout: busyTimeout))
            return try queue.read(body)
        } catch {
            throw LibraryError.from(error, path: path, action: "open")
        }
    }

    private static func makePool(path: String, readonly: Bool, busyTimeout: TimeInterval) throws(LibraryError) -> DatabasePool {
        do {
            return try DatabasePool(path: path, configuration: configuration(readonly: readonly, busyTimeout: busyTimeout))
        } catch {
            throw LibraryError.from(error, path: path, action: "open")
        }
    }

    private static func configuration(readonly: Bool, busyTimeout: TimeInterval) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readonly
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Readers map the file: a search then reads pages without a system call
            // each. The writer does not, so indexing's memory stays its own.
            if db.configuration.readonly {
                try db.execute(sql: "PRAGMA mmap_size = 1073741824")
            }
        }
        return configuration
    }
}
