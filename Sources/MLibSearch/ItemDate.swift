public import Foundation
public import MLibCore

/// When an item was made, as well as its metadata tells.
public enum ItemDate {
    /// Metadata keys holding the moment an item was made, most trusted first.
    static let keys = ["date_taken", "creation_time", "date", "created"]

    /// The date an item was made: metadata `date_taken` (EXIF "2019:07:14 10:00:00", also
    /// with time zone or fractions of a second), `creation_time` (ISO 8601, e.g.
    /// "2024-07-16T18:15:00.000000Z"), `date`/`created` (front matter, "2019-06-14" or
    /// ISO), else `fileModified`.
    ///
    /// Times written without a zone are read in `calendar`'s time zone. Clocks that were
    /// never set (`0000:00:00`, the Unix and QuickTime epochs) count as no date.
    public static func of(metadata: [String: JSONValue], fileModified: Date?, calendar: Calendar) -> Date? {
        for key in keys {
            if let text = metadata[key]?.stringValue, let date = parse(text, calendar: calendar) { return date }
        }
        return fileModified
    }

    /// Reads `YYYY-MM-DD` (or with `:` or `/`), optionally followed by ` ` or `T`,
    /// `hh:mm[:ss[.fraction]]`, and `Z` or `±hh[:mm]`.
    static func parse(_ text: String, calendar: Calendar) -> Date? {
        var reader = Reader(Array(text.trimmingCharacters(in: .whitespaces).utf8))
        guard let year = reader.number(digits: 4...4), reader.skip(in: "-:/"),
            let month = reader.number(digits: 1...2), reader.skip(in: "-:/"),
            let day = reader.number(digits: 1...2)
        else { return nil }
        var parts = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var fraction = 0.0
        if reader.skip(in: "T "), let hour = reader.number(digits: 1...2), reader.skip(in: ":"),
            let minute = reader.number(digits: 2...2)
        {
            parts.hour = hour
            parts.minute = minute
            if reader.skip(in: ":"), let second = reader.number(digits: 2...2) {
                parts.second = second
                if reader.skip(in: ".,") { fraction = reader.fraction() }
            }
        }
        var zoned = calendar
        if let zone = reader.timeZone() { zoned.timeZone = zone }
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(parts.hour ?? 0),
            (0...59).contains(parts.minute ?? 0), (0...60).contains(parts.second ?? 0),
            let date = zoned.date(from: parts), zoned.component(.day, from: date) == day
        else { return nil }
        let unset = (year == 1970 || year == 1904) && month == 1 && day == 1 && parts.hour == 0 && parts.minute == 0
        return unset ? nil : date.addingTimeInterval(fraction)
    }

    /// Reads digits and marks from the bytes of a date.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func number(digits: ClosedRange<Int>) -> Int? {
            var value = 0
            var count = 0
            while count < digits.upperBound, let byte = current, (0x30...0x39).contains(byte) {
                value = value * 10 + Int(byte - 0x30)
                count += 1
                index += 1
            }
            return digits.contains(count) ? value : nil
        }

        mutating func skip(in marks: String) -> Bool {
            guard let byte = current, marks.utf8.contains(byte) else { return false }
            index += 1
            return true
        }

        mutating func fraction() -> Double {
            var value = 0.0
            var scale = 0.1
            while let byte = current, (0x30...0x39).contains(byte) {
                value += Double(byte - 0x30) * scale
                scale /= 10
                index += 1
            }
            return value
        }

        /// `Z`, `+02:00`, `+0200`, `-05`; nil when none is written.
        mutating func timeZone() -> TimeZone? {
            while current == UInt8(ascii: " ") { index += 1 }
            if skip(in: "Zz") { return TimeZone(secondsFromGMT: 0) }
            guard let sign = current, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
            index += 1
            guard let hours = number(digits: 2...2), hours <= 14 else { return nil }
            _ = skip(in: ":")
            let minutes = number(digits: 2...2) ?? 0
            let seconds = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            return TimeZone(secondsFromGMT: seconds)
        }
    }
}
