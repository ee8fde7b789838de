public import MLibCore

/// What a search hit shows of an item: less than `StoredItem`, read faster.
public struct ItemSummary: Sendable, Hashable {
    public var id: Int64
    public var path: RawPath
    public var kind: ItemKind
    public var mime: String
    public var title: String?
    public var duration: Double?
    /// Empty unless asked for: parsing it for every hit costs more than finding them.
    public var metadata: [String: JSONValue]
    /// The file's modification time when it was indexed, in nanoseconds since 1970.
    public var modifiedNanoseconds: Int64?
}
