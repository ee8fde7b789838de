// TEMPORARY: replaced by the wt-hints branch at merge.
public import Foundation
public import MLibCore

public struct QueryHints: Sendable, Hashable {
    public var kind: ItemKind?
    public var dates: DateHint?
    public var cameras: [String] = []
    public var phrases: [String] = []
    public var semanticText: String
    public var descriptions: [String] { [] }
    public var isEmpty: Bool { kind == nil && dates == nil && cameras.isEmpty && phrases.isEmpty }
}
public struct DateHint: Sendable, Hashable {
    public var start: Date
    public var end: Date
    public var text: String
}
public enum HintExtractor {
    public static func extract(_ query: String, now: Date, calendar: Calendar) -> QueryHints {
        QueryHints(semanticText: query)
    }
}
public struct HintAgreement: Sendable, Hashable {
    public var kind: Double?
    public var date: Double?
    public var camera: Double?
    public var phrase: Double?
    public static func of(hints: QueryHints, kind: ItemKind, metadata: [String: JSONValue], text: String, fileModified: Date?) -> HintAgreement {
        HintAgreement()
    }
}
