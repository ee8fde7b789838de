import Foundation

extension QueryHints {
    /// One line per hint, for `--explain`.
    ///
    /// `["kind: video (\"video of\")", "date: 2026-06-01 – 2026-08-31 (\"last summer\")",
    /// "camera: canon", "phrase: \"red dress\""]`
    public var descriptions: [String] {
        var lines: [String] = []
        if let kind {
            lines.append("kind: \(kind.rawValue)" + (kindText.map { " (\"\($0)\")" } ?? ""))
        }
        if let dates {
            lines.append("date: \(dates.daysDescription) (\"\(dates.text)\")")
        }
        lines += cameras.map { "camera: \($0)" }
        lines += phrases.map { "phrase: \"\($0)\"" }
        return lines
    }
}

extension DateHint {
    /// The days the range covers, first and last included: `2019-06-01 – 2019-06-30`,
    /// or one day alone: `2019-06-14`.
    public var daysDescription: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let first = Self.day(start, calendar)
        let last = Self.day(max(start, end.addingTimeInterval(-1)), calendar)
        return first == last ? first : "\(first) – \(last)"
    }

    private static func day(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.year, 4))-\(padded(parts.month, 2))-\(padded(parts.day, 2))"
    }
}
