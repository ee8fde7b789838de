public import Foundation
public import MLibCore

/// How well one item agrees with a query's hints, for the rerank to weigh.
///
/// Each value is in -1...1, or nil when the hint is absent or the item says nothing
/// about it; nil means "no evidence", never "disagrees".
public struct HintAgreement: Sendable, Hashable {
    /// 1 when the item is the kind asked for, -1 when it is not.
    public var kind: Double?
    /// 1 inside the dates asked for, falling off smoothly outside them, floored at -1.
    public var date: Double?
    /// 1 when the item's camera metadata names a camera asked for, -1 when it names another.
    public var camera: Double?
    /// The share of quoted phrases found in the item's text.
    public var phrase: Double?

    public init(kind: Double? = nil, date: Double? = nil, camera: Double? = nil, phrase: Double? = nil) {
        self.kind = kind
        self.date = date
        self.camera = camera
        self.phrase = phrase
    }

    /// How far outside the dates an item may be, beyond their own length, before it
    /// stops counting for them.
    static let dateSlack: TimeInterval = 30 * 86_400

    public static func of(
        hints: QueryHints, kind: ItemKind, metadata: [String: JSONValue], text: String, fileModified: Date?
    ) -> HintAgreement {
        var agreement = HintAgreement()
        agreement.kind = hints.kind.map { $0 == kind ? 1 : -1 }
        if let dates = hints.dates {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = dates.timeZone
            agreement.date = ItemDate.of(metadata: metadata, fileModified: fileModified, calendar: calendar)
                .map { date(dates, $0) }
        }
        agreement.camera = camera(hints.cameras, metadata: metadata)
        agreement.phrase = phrase(hints.phrases, text: text)
        return agreement
    }

    /// 1 inside the range; outside, 1 − distance / (range length + 30 days), floored at -1,
    /// so a day-long hint forgives about a month and a year-long one about a year.
    static func date(_ dates: DateHint, _ date: Date) -> Double {
        if dates.contains(date) { return 1 }
        let distance = date < dates.start ? dates.start.timeIntervalSince(date) : date.timeIntervalSince(dates.end)
        let scale = dates.end.timeIntervalSince(dates.start) + dateSlack
        return max(-1, 1 - distance / scale)
    }
}
