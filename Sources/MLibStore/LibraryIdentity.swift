import GRDB

/// What an SQLite file is to mlib, told from its header's application id and, for
/// files made before mlib set one, from its migration records.
enum LibraryIdentity: Equatable {
    /// Carries mlib's application id.
    case library
    /// Application id 0 but mlib's migration records: a library made before mlib
    /// marked its files. It gets the id the next time it is opened for writing.
    case unmarkedLibrary
    /// No tables at all: a database nothing has used yet, which `.create` may take.
    case blank
    /// Another program's database.
    case foreign(applicationID: Int32)

    /// `PRAGMA application_id` of every mlib library: "mlib" in ASCII.
    static let applicationID: Int32 = 0x6D6C_6962

    /// The identity of the database `db` is connected to; reads only.
    static func of(_ db: Database) throws -> LibraryIdentity {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if id == applicationID { return .library }
        if id != 0 { return .foreign(applicationID: id) }
        let objects = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if objects == 0 { return .blank }
        guard try db.tableExists("grdb_migrations"), let first = embeddedMigrations.first?.name else {
            return .foreign(applicationID: 0)
        }
        let ours = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = ?)", arguments: [first]) ?? false
        return ours ? .unmarkedLibrary : .foreign(applicationID: 0)
    }

    /// The error for a file that is not an mlib library, or nil when it is one (or,
    /// when `blankIsLibrary`, a blank database).
    func refusal(path: String, blankIsLibrary: Bool) -> LibraryError? {
        switch self {
        case .library, .unmarkedLibrary:
            return nil
        case .blank:
            return blankIsLibrary
                ? nil
                : LibraryError(
                    .notALibrary, path: path,
                    message: "an empty database, not an mlib library; index something into it first (`mlib index DIR`) or pass another --library")
        case .foreign(let id):
            return LibraryError(
                .notALibrary, path: path,
                message: "another program's database, not an mlib library (application id \(id)); pass another --library")
        }
    }
}
