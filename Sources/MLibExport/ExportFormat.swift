/// The formats search results can be written in; raw values are the `--format` names.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    /// Aligned rows for a terminal, with snippets.
    case table
    /// One pretty-printed JSON document (`Schema/search-results.schema.json`).
    case json
    /// One compact JSON object per hit and line (`Schema/search-result-line.schema.json`).
    case jsonl
    /// An extended M3U playlist of the videos (and, on request, images).
    case m3u
    /// An OpenTimelineIO timeline of the videos' moments, for editing software.
    case otio
    /// A CMX 3600 edit decision list of the videos' moments, for editing software.
    case edl
    /// A CSV table of every hit, for spreadsheets.
    case csv

    /// The usual file name extension for output in this format.
    ///
    /// Playlists get `m3u8`, the extension that tells players the file is UTF-8.
    public var fileExtension: String {
        switch self {
        case .table: "txt"
        case .json: "json"
        case .jsonl: "jsonl"
        case .m3u: "m3u8"
        case .otio: "otio"
        case .edl: "edl"
        case .csv: "csv"
        }
    }
}
