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

    /// Runs `body` while a connection of its own holds the library's write lock (an
    /// open `BEGIN IMMEDIATE` transaction), as a writer in another process would.
    public static func whileHoldingWriteLock<T>(on path: String, _ body: () throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: path)
        return try queue.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            return try body()
        }
    }
}
