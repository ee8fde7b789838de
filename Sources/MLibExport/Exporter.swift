public import MLibCore

/// The one entry point that writes search results in any `ExportFormat`.
///
/// ```swift
/// let bytes = Exporter.render(results, format: .json, options: ExportOptions())
/// FileHandle.standardOutput.write(Data(bytes))
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
        }
    }
}
