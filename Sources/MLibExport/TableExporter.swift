public import MLibCore

/// Writes search results as rows for a terminal.
///
/// Each hit takes one row (rank, score with two decimals, kind, title or file name,
/// path) and, when it has a snippet, a second line indented under the title. Titles
/// are padded so paths line up (a title longer than 40 columns pushes only its own
/// path along):
///
/// ```
/// 1  0.93  video  Sunset at the beach  /home/ana/Media/beach.mp4
///                 the «red» dress by the café window
/// 2  0.41  image  IMG_0042.jpg         /home/ana/Media/IMG_0042.jpg
/// ```
///
/// Matched words keep their `«` `»` markers, so they stay visible in logs and pipes;
/// with `color` they are shown in ANSI bold instead. With a `width`, every line fits
/// it: titles and snippets are cut at the end, paths at the start (their end says
/// the most), each cut marked with `…`. Control characters in titles and snippets
/// become spaces and paths show them escaped (`\n`), so a file name can neither
/// break a row nor send escape sequences to the terminal. Paths that are not
/// valid UTF-8 show U+FFFD where the bad bytes are.
///
/// No hits give one friendly line: `No matches for "red dress".`
public struct TableExporter: Sendable {
    /// Whether matched words are shown in ANSI bold.
    public var color: Bool
    /// The terminal's width in columns; nil never cuts lines.
    public var width: Int?
    /// Whether the query's hints and each hit's rerank components are shown.
    public var explain: Bool

    public init(color: Bool = false, width: Int? = nil, explain: Bool = false) {
        self.color = color
        self.width = width
        self.explain = explain
    }

    /// An exporter configured by the table part of `options`.
    public init(options: ExportOptions) {
        self.init(color: options.color, width: options.width, explain: options.explain)
    }

    private static let bold = "\u{1B}[1m"
    private static let notBold = "\u{1B}[22m"
    private static let separator = "  "
    /// Below this many columns for the title and path, rows are cut as a whole.
    private static let narrowest = 12
    /// Titles longer than this push their path to the right rather than all paths.
    private static let widestTitle = 40

    /// The table as UTF-8 text, each line ending with a newline.
    public func render(_ results: SearchResults) -> [UInt8] {
        let preface = explain ? fit(ExplanationText.hints(results)) + "\n" : ""
        guard !results.hits.isEmpty else {
            let line = "No matches for \"\(results.query.singleLine)\"."
            return Array((preface + fit(line) + "\n").utf8)
        }
        let scores = results.hits.map { Self.scoreText($0.score) }
        let rankWidth = results.hits.map { String($0.rank).count }.max() ?? 1
        let scoreWidth = scores.map(\.count).max() ?? 4
        let kindWidth = ItemKind.allCases.map(\.rawValue.count).max() ?? 5
        let prefixWidth = rankWidth + scoreWidth + kindWidth + 3 * Self.separator.count
        let titles = results.hits.map(Self.title)
        let paths = results.hits.map { Self.terminalPath($0.path) }
        let titleWidth = titleColumn(
            titles: titles, paths: paths, room: width.map { $0 - prefixWidth - Self.separator.count })

        var out = preface
        for (index, hit) in results.hits.enumerated() {
            let prefix = [
                String(hit.rank).leftPadded(toColumns: rankWidth),
                scores[index].leftPadded(toColumns: scoreWidth),
                hit.kind.rawValue.rightPadded(toColumns: kindWidth),
            ].joined(separator: Self.separator) + Self.separator
            let pathRoom = width.map { $0 - prefixWidth - titleWidth - Self.separator.count }
            let rest = row(title: titles[index], path: paths[index], titleWidth: titleWidth, pathRoom: pathRoom)
            out += fit(prefix + rest) + "\n"
            // A video's best moment leads its snippet line, so a player can seek there.
            let moment = hit.moments.first.map { Self.clock($0.start) + "–" + Self.clock($0.end) + "  " } ?? ""
            if let snippet = hit.snippet.map({ moment + $0.singleLine }), !snippet.isEmpty {
                var indent = String(repeating: " ", count: prefixWidth)
                // On a very narrow terminal the snippet is worth more than its indent.
                if let width, width - indent.count < Self.narrowest { indent = "" }
                out += indent + highlighted(snippet, columns: width.map { $0 - indent.count }) + "\n"
            }
            if explain {
                let indent = String(repeating: " ", count: prefixWidth)
                for line in ExplanationText.lines(for: hit) { out += fit(indent + line) + "\n" }
            }
        }
        return Array(out.utf8)
    }

    /// The columns the title column takes, so paths line up.
    ///
    /// As wide as the widest title, up to `widestTitle`; within a width, titles give
    /// way to paths until both have half of the `room`.
    private func titleColumn(titles: [String], paths: [String], room: Int?) -> Int {
        let widest = min(titles.map(\.terminalColumns).max() ?? 0, Self.widestTitle)
        guard let room else { return widest }
        guard room >= Self.narrowest else { return 0 }
        let longestPath = paths.map(\.terminalColumns).max() ?? 0
        return min(widest, max(room - longestPath, room / 2))
    }

    /// `title  path`, the title cut or padded to `titleWidth` and the path cut at the
    /// start to `pathRoom`; nil cuts nothing.
    private func row(title: String, path: String, titleWidth: Int, pathRoom: Int?) -> String {
        guard let pathRoom else {
            return title.rightPadded(toColumns: titleWidth) + Self.separator + path
        }
        // Too narrow for columns: `fit` cuts the row as a whole.
        guard titleWidth > 0 else { return title + Self.separator + path }
        return title.truncatedAtEnd(toColumns: titleWidth).rightPadded(toColumns: titleWidth)
            + Self.separator + path.truncatedAtStart(toColumns: max(pathRoom, 0))
    }

    /// `m:ss.s` for a time in seconds: `75.25` gives `1:15.2`.
    static func clock(_ seconds: Double) -> String {
        let tenths = Int((max(seconds, 0) * 10).rounded(.down))
        let minutes = tenths / 600
        let rest = tenths % 600
        let whole = String(rest / 10)
        return "\(minutes):" + (whole.count < 2 ? "0" + whole : whole) + ".\(rest % 10)"
    }

    /// The hit's title on one line, or its file name when it has none.
    private static func title(of hit: SearchHit) -> String {
        let title = hit.title?.singleLine ?? ""
        return title.isEmpty ? hit.path.fileName.singleLine : title
    }

    /// The snippet within `columns`, its markers turned into bold when `color` is on.
    private func highlighted(_ snippet: String, columns: Int?) -> String {
        let start = Character(SearchHit.highlightStart)
        let end = Character(SearchHit.highlightEnd)
        var text = snippet
        if let columns {
            text = text.truncatedAtEnd(toColumns: max(columns, 0), invisible: color ? [start, end] : [])
        }
        guard color else { return text }
        var out = ""
        var isBold = false
        for character in text {
            switch character {
            case start:
                out += Self.bold
                isBold = true
            case end:
                out += Self.notBold
                isBold = false
            default:
                out.append(character)
            }
        }
        return isBold ? out + Self.notBold : out
    }

    private func fit(_ line: String) -> String {
        guard let width else { return line }
        return line.truncatedAtEnd(toColumns: max(width, 0))
    }

    /// The path on one line with nothing a terminal would act on: `displayString`
    /// escapes C0 controls; C1 controls and line separators are escaped here.
    static func terminalPath(_ path: RawPath) -> String {
        var out = ""
        for scalar in path.displayString.unicodeScalars {
            if scalar.isControlOrLineBreak {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The score with two decimals, `-` when it is not a number.
    static func scoreText(_ score: Double) -> String {
        guard score.isFinite, abs(score) < 1e12 else { return "-" }
        let hundredths = Int64((score * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
