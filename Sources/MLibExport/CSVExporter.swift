public import MLibCore

/// Writes search results as CSV (RFC 4180) for spreadsheets and shot lists.
///
/// ```
/// rank,score,kind,path,title,start,end,moment,snippet,duration
/// 1,0.9313,video,/media/clips/beach sunset.mp4,Sunset at the beach,12.5,20,sunset cue,the sunset over the sea,95.4
/// ```
///
/// One row per hit of every kind, after a header. Records end with CRLF; a field
/// holding a comma, a double quote, CR or LF is quoted, its quotes doubled, so line
/// breaks in titles or snippets stay inside their field. `start`, `end` and `moment`
/// are the best moment's seconds (up to 3 decimals) and text, empty when the hit has
/// none; `duration` is in seconds, empty when unknown; the score has 4 decimals.
/// Snippets lose their highlight marks. Paths that are not valid UTF-8 show U+FFFD
/// where the bad bytes are, as in the JSON's `path`. Text is written exactly as
/// found: a spreadsheet may read a title that starts with `=` as a formula.
public struct CSVExporter: Sendable {
    public init() {}

    static let header = ["rank", "score", "kind", "path", "title", "start", "end", "moment", "snippet", "duration"]

    /// The table as UTF-8 text.
    public func render(_ results: SearchResults) -> [UInt8] {
        var out = Self.record(Self.header)
        for hit in results.hits {
            let moment = hit.moments.first
            let marks: Set<Character> = [Character(SearchHit.highlightStart), Character(SearchHit.highlightEnd)]
            let snippet = hit.snippet.map { String($0.filter { !marks.contains($0) }) }
            out += Self.record([
                String(hit.rank),
                Self.decimal(hit.score, places: 4),
                hit.kind.rawValue,
                hit.path.string,
                hit.title ?? "",
                moment.map { Self.decimal($0.start, places: 3) } ?? "",
                moment.map { Self.decimal($0.end, places: 3) } ?? "",
                moment?.text ?? "",
                snippet ?? "",
                hit.duration.map { Self.decimal($0, places: 3) } ?? "",
            ])
        }
        return Array(out.utf8)
    }

    private static func record(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    private static func quoted(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return field
        }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }

    /// `value` with at most `places` decimals and no trailing zeros; empty when not finite.
    private static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        guard scaled != 0 else { return "0" }
        let unit = Int64(scale)
        var fraction = String(scaled % unit)
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let whole = (value < 0 ? "-" : "") + String(scaled / unit)
        return fraction.isEmpty ? whole : whole + "." + fraction
    }
}
