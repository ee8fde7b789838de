import Foundation
public import MLibCore

/// An item as the library holds it.
public struct StoredItem: Sendable, Hashable {
    public enum Status: String, Sendable, Codable { case indexed, failed }

    public var id: Int64
    public var path: RawPath
    public var status: Status
    public var kind: ItemKind?
    public var mime: String?
    public var title: String?
    public var duration: Double?
    public var state: FileState
    public var contentHash: String?
    public var metadata: [String: JSONValue]
    /// When the item was last written, ISO 8601 in UTC as stored.
    public var indexedAt: String
    /// For failed items: the one-line reason and its code.
    public var failure: (code: String, reason: String)? {
        get { failureCode.map { ($0, failureReason ?? "") } }
        set {
            failureCode = newValue?.code
            failureReason = newValue?.reason
        }
    }
    var failureCode: String?
    var failureReason: String?

    init(
        id: Int64, path: RawPath, status: Status, kind: ItemKind?, mime: String?, title: String?,
        duration: Double?, state: FileState, contentHash: String?, metadata: [String: JSONValue],
        indexedAt: String, failureCode: String?, failureReason: String?
    ) {
        self.id = id
        self.path = path
        self.status = status
        self.kind = kind
        self.mime = mime
        self.title = title
        self.duration = duration
        self.state = state
        self.contentHash = contentHash
        self.metadata = metadata
        self.indexedAt = indexedAt
        self.failureCode = failureCode
        self.failureReason = failureReason
    }
}

/// A segment as the library holds it.
public struct StoredSegment: Sendable, Hashable {
    public var id: Int64
    public var ordinal: Int
    public var field: EvidenceField
    public var modality: Modality
    public var text: String
    public var start: Double?
    public var end: Double?
}
