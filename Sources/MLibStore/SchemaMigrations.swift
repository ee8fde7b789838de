import Foundation
import GRDB

/// The migrations of `Schema/*.sql`, embedded at build time, registered in order.
enum SchemaMigrations {
    /// The name of the newest migration this build knows.
    static var latest: String { embeddedMigrations.last?.name ?? "none" }

    /// Work a migration needs that SQL alone cannot do, run right after its SQL.
    static let followUps: [String: @Sendable (Database) throws -> Void] = [
        // The word index was created anew with more columns; only the binary builds its rows.
        "0004_pictures": { db in try Library.refillWordIndex(in: db) }
    ]

    /// A GRDB migrator over the same migrations, for reading which are applied.
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in embeddedMigrations {
            migrator.registerMigration(migration.name) { db in
                try db.execute(sql: migration.sql)
                try followUps[migration.name]?(db)
            }
        }
        return migrator
    }

    /// Where a library's schema stands against this build's migrations.
    struct State {
        var applied: Set<String>
        /// Migrations this build knows that the file lacks, in order.
        var pending: [String]
        /// Migrations the file has that this build does not know (a newer mlib wrote it).
        var unknown: Set<String>
    }

    /// Reads the schema state of `db`; reads only.
    static func state(_ db: Database) throws -> State {
        let applied: Set<String> =
            try db.tableExists("grdb_migrations")
            ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
        let known = embeddedMigrations.map(\.name)
        return State(
            applied: applied, pending: known.filter { !applied.contains($0) },
            unknown: applied.subtracting(known))
    }

    /// The error for a library written by a newer mlib.
    static func newerSchemaError(path: String, state: State) -> LibraryError {
        LibraryError(
            .newerSchema, path: path,
            message: "written by a newer mlib (schema has migrations this mlib does not know, it knows up to "
                + "\(latest)); upgrade mlib or use another --library. Applied here: \(state.applied.sorted().last ?? "none")")
    }

    /// Brings the library in `db` up to date and marks it as mlib's, in one
    /// immediate transaction.
    ///
    /// One transaction, not one per migration as GRDB's migrator does: two processes
    /// creating the same library then take turns, and the second finds the work done
    /// instead of running the first migration again over its tables. Like GRDB's
    /// migrator, it runs with foreign keys off and checks them before committing.
    /// Writes nothing when the library is current and marked.
    static func migrate(_ db: Database, path: String, blankIsLibrary: Bool) throws {
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
        try db.inTransaction(.immediate) {
            let identity = try LibraryIdentity.of(db)
            if let refusal = identity.refusal(path: path, blankIsLibrary: blankIsLibrary) { throw refusal }
            let state = try state(db)
            if !state.unknown.isEmpty { throw newerSchemaError(path: path, state: state) }
            if state.pending.isEmpty && identity == .library { return .rollback }
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for migration in embeddedMigrations where state.pending.contains(migration.name) {
                try db.execute(sql: migration.sql)
                try followUps[migration.name]?(db)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.name])
            }
            try db.checkForeignKeys()
            // Set here, not in a Schema file, so libraries made before ids get it too.
            try db.execute(sql: "PRAGMA application_id = \(LibraryIdentity.applicationID)")
            try db.execute(
                sql: "INSERT OR IGNORE INTO library_info (key, value) VALUES ('created_at', ?)",
                arguments: [ISO8601DateFormatter().string(from: Date())])
            return .commit
        }
    }
}
