import GRDB

/// Plain SQL on a library file through a connection of its own, for tests that must
/// do what mlib never does: damage a row, hold a write lock, read raw columns.
public enum RawSQL {
    /// Runs `sql` in one transaction on the database at `path`.
    public static func execute(_ sql: String, on path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
    }

    /// The integers the first column of `sql` returns.
    public static func integers(_ sql: String, on path: String) throws -> [Int64] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in try Int64.fetchAll(db, sql: sql) }
    }
}
