public import MLibCore

/// The one entry point that writes search results in any `ExportFormat`.
///
/// ```swift
/// let bytes = Exporter.render(results, format: .json, options: ExportOptions())
/// FileHandle.standardOutput.write(Data(bytes))
/// for note in Exporter.notes(for: results, format: .json) { print(note) }
/// ```
public enum Exporter {
    /// `results` in `format`, as bytes ready for stdout or a file (UTF-8 text).
    public static func render(
        _ results: SearchResults, format: ExportFormat, options: ExportOptions = ExportOptions()
    ) -> [UInt8] {
        switch format {
        case .table: TableExporter(options: options).render(results)
        case .json: JSONExporter().render(results)
        case .jsonl: JSONLinesExporter().render(results)
        case .m3u: M3UExporter(options: options).render(results)
        case .otio: OTIOExporter(options: options).render(results)
        case .edl: EDLExporter(options: options).render(results)
        case .csv: CSVExporter().render(results)
        }
    }

    /// What a person should be told that the output cannot say: how many hits a
    /// playlist or a timeline leaves out, and why.
    ///
    /// One line per note, without a line break; empty when there is nothing to say.
    /// For example `2 of 5 results left out (1 image, 1 text): a timeline holds only
    /// videos with a moment or a known length.`
    public static func notes(
        for results: SearchResults, format: ExportFormat, options: ExportOptions = ExportOptions()
    ) -> [String] {
        let isKept: (SearchHit) -> Bool
        let reason: String
        switch format {
        case .table, .json, .jsonl, .csv:
            return []
        case .m3u:
            isKept = { $0.kind == .video || ($0.kind == .image && options.includeImages) }
            reason = options.includeImages ? "a playlist lists only videos and images" : "a playlist lists only videos"
        case .otio, .edl:
            isKept = { TimelineClip($0, useMoments: options.useMoments) != nil }
            reason = "a timeline holds only videos with a moment or a known length"
        }
        let left = results.hits.filter { !isKept($0) }
        guard !left.isEmpty else { return [] }
        let kinds = ItemKind.allCases.compactMap { kind -> String? in
            let count = left.filter { $0.kind == kind }.count
            guard count > 0 else { return nil }
            return "\(count) \(kind.rawValue)" + (count > 1 && kind != .text ? "s" : "")
        }
        return ["\(left.count) of \(results.hits.count) results left out (\(kinds.joined(separator: ", "))): \(reason)."]
    }
}
