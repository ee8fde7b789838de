import GRDB

/// A stored value that does not have the type mlib wrote into its column: the file
/// was edited outside mlib or is damaged.
///
/// Readers throw it instead of trapping; `Library.read` turns it into a
/// `LibraryError` with code `.corrupt` that names the library file.
struct DamagedValue: Error {
    var table: String
    var column: String
    /// The row's id, when the query selected one.
    var rowID: Int64?
    var found: DatabaseValue

    var message: String {
        let row = rowID.map { "row \($0)" } ?? "a row"
        return "\(row) of table \(table) holds a damaged value in column \(column) (\(Self.describe(found))); "
            + "forget the affected file with `mlib forget` and index it again, or restore the library from a backup"
    }

    private static func describe(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let number): "integer \(number)"
        case .double(let number): "real \(number)"
        case .string(let text): "text \"\(text.prefix(40))\""
        case .blob(let data): "blob of \(data.count) bytes"
        }
    }
}
