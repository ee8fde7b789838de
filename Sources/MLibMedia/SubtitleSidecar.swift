#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MLibCore

/// A subtitle file next to a video: `NAME.srt`, `NAME.vtt`, or with a language,
/// `NAME.de.srt`, `NAME.pt-BR.vtt`.
struct SubtitleSidecar: Sendable, Hashable {
    /// Larger files are not subtitles anyone wrote by hand; they are skipped.
    static let sizeLimit = 16 << 20
    /// How many folder entries to look through for language variants.
    static let entryLimit = 20_000

    var path: RawPath
    /// The language part of the name, such as `de`; nil for `NAME.srt`.
    var language: String?
    var cues: [SubtitleCue]

    /// The readable sidecar subtitles of `video`, in name order; missing or unreadable ones are left out.
    static func all(for video: RawPath) -> [SubtitleSidecar] {
        candidates(for: video).compactMap { path, language in
            guard let file = try? SourceFile(path: path), file.size <= sizeLimit,
                let bytes = try? file.read()
            else { return nil }
            return SubtitleSidecar(path: path, language: language, cues: SubtitleParser.parse(bytes: bytes))
        }
    }

    /// Paths that may hold the subtitles of `video`, with the language part of the name if any.
    static func candidates(for video: RawPath) -> [(RawPath, String?)] {
        let name = video.lastComponent
        let stem: [UInt8]
        if let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > 0 {
            stem = Array(name[..<dot])
        } else {
            stem = name
        }
        let prefix = stem + [UInt8(ascii: ".")]
        let folder = video.parent
        // The plain names are tried even where the folder is too large to list.
        let direct: [(RawPath, String?)] = ["srt", "vtt"].map { (video.replacingExtension(with: $0), nil) }
        var found: [([UInt8], String?)] = []
        guard let directory = folder.withCString({ opendir($0) }) else { return direct }
        defer { closedir(directory) }
        var seen = 0
        while seen < entryLimit, let entry = readdir(directory) {
            seen += 1
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            guard entryName.count > prefix.count, entryName.starts(with: prefix) else { continue }
            let rest = String(decoding: entryName[prefix.count...], as: UTF8.self)
            let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
            guard let last = parts.last, ["srt", "vtt"].contains(last.lowercased()) else { continue }
            switch parts.count {
            case 1 where rest != "srt" && rest != "vtt":
                found.append((entryName, nil))  // NAME.SRT; NAME.srt is looked up directly
            case 2 where isLanguage(parts[0]):
                found.append((entryName, String(parts[0])))
            default:
                continue
            }
        }
        let listed = found.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map {
            (folder.appending(component: $0.0), $0.1)
        }
        return direct + listed
    }

    /// Whether `text` looks like a language tag: `de`, `fra`, `pt-BR`, `zh_Hans`.
    private static func isLanguage(_ text: Substring) -> Bool {
        let pieces = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "_" }
        guard let primary = pieces.first, (2...3).contains(primary.count), pieces.count <= 2 else { return false }
        let letters = { (piece: Substring) in piece.allSatisfy { $0.isASCII && $0.isLetter } }
        guard letters(primary) else { return false }
        guard pieces.count == 2 else { return true }
        return (2...4).contains(pieces[1].count) && pieces[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
