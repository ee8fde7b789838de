import Foundation
import GRDB

/// Decoding that a damaged or hand-edited file cannot turn into a trap.
///
/// GRDB's `row[i]` stops the process when a value does not convert to the type
/// asked for (text in an integer column, a blob that is not UTF-8). These helpers
/// go through `DatabaseValue` and throw `DamagedValue` instead.
extension Row {
    /// The value at `index` as `T`; throws when it is NULL or does not convert.
    func decode<T: DatabaseValueConvertible>(_ type: T.Type = T.self, at index: Int, of table: String) throws(DamagedValue) -> T {
        let value: DatabaseValue = self[index]
        guard let decoded = T.fromDatabaseValue(value) else { throw damaged(at: index, of: table, found: value) }
        return decoded
    }

    /// The value at `index` as `T`, nil for NULL; throws when it does not convert.
    func decodeIfPresent<T: DatabaseValueConvertible>(
        _ type: T.Type = T.self, at index: Int, of table: String
    ) throws(DamagedValue) -> T? {
        let value: DatabaseValue = self[index]
        if value.isNull { return nil }
        guard let decoded = T.fromDatabaseValue(value) else { throw damaged(at: index, of: table, found: value) }
        return decoded
    }

    /// Text at `index`, read leniently: bytes that are not UTF-8 are repaired and
    /// numbers are written out, since a slightly wrong title beats no item at all.
    /// Nil for NULL.
    func text(at index: Int) -> String? {
        let value: DatabaseValue = self[index]
        switch value.storage {
        case .null: return nil
        case .string(let text): return text
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        case .int64(let number): return String(number)
        case .double(let number): return String(number)
        }
    }

    /// The bytes at `index` (a path): a blob, or text as its UTF-8 bytes.
    func bytes(at index: Int, of table: String) throws(DamagedValue) -> [UInt8] {
        let value: DatabaseValue = self[index]
        switch value.storage {
        case .blob(let data): return Array(data)
        case .string(let text): return Array(text.utf8)
        default: throw damaged(at: index, of: table, found: value)
        }
    }

    private func damaged(at index: Int, of table: String, found: DatabaseValue) -> DamagedValue {
        let names = Array(columnNames)
        let idIndex = names.firstIndex(of: "id") ?? names.firstIndex(of: "item_id")
        let rowID = idIndex.flatMap { Int64.fromDatabaseValue(self[$0]) }
        return DamagedValue(table: table, column: index < names.count ? names[index] : "#\(index)", rowID: rowID, found: found)
    }
}
