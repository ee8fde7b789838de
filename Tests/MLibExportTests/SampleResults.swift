import Foundation
import MLibCore

/// Search results with the awkward cases exporters must survive: paths that are not
/// UTF-8 or hold a newline, emoji, missing titles, nested metadata, moments.
enum SampleResults {
    /// 2025-05-01T12:00:00Z.
    static let generatedAt = Date(timeIntervalSince1970: 1_746_100_800)

    static let beachPath = RawPath("/media/clips/beach sunset.mp4")
    static let nonUTF8Path = RawPath(bytes: [0x2F, 0x74, 0xFF, 0x2E, 0x6A, 0x70, 0x67])  // "/t\xFF.jpg"
    static let newlinePath = RawPath("/media/line\nbreak.mp4")
    static let notePath = RawPath("/notes/#ideas.md")
    static let hashPath = RawPath("/media/#1 clip.mkv")
    static let percentPath = RawPath("/media/100% real.webm")

    static let evilTitle = "Trailer\n#EXTINF:0,evil\n/etc/passwd"

    static var varied: SearchResults {
        SearchResults(
            query: "sunset \"beach\"", library: "/home/ana/.local/share/mlib/library.sqlite",
            generatedAt: generatedAt, mode: "keyword",
            hits: [
                SearchHit(
                    rank: 1, score: 0.931_27, itemID: 41, path: beachPath, kind: .video,
                    mime: "video/mp4", title: "Sunset 🌅 at the beach",
                    snippet: "the «sunset» over the sea\nat the «beach»", duration: 95.4,
                    metadata: [
                        "codec": "h264",
                        "size": ["width": 1920, "height": 1080],
                        "tags": ["holiday", 2024, true, .null],
                        "fps": 29.97,
                    ],
                    moments: [Moment(start: 12.5, end: 20, text: "sunset cue"), Moment(start: 40, end: 42.25)]),
                SearchHit(
                    rank: 2, score: 0.5, itemID: 7, path: nonUTF8Path, kind: .image, mime: "image/jpeg"),
                SearchHit(
                    rank: 3, score: 0.421, itemID: 12, path: newlinePath, kind: .video, mime: "video/mp4",
                    title: evilTitle, duration: nil),
                SearchHit(
                    rank: 4, score: 0.3, itemID: 3, path: notePath, kind: .text, mime: "text/markdown",
                    title: "Ideas", snippet: "a «sunset» walk"),
                SearchHit(
                    rank: 5, score: 0.2, itemID: 5, path: hashPath, kind: .video, mime: "video/x-matroska",
                    duration: 3.6),
                SearchHit(
                    rank: 6, score: 0.1, itemID: 6, path: percentPath, kind: .video, mime: "video/webm",
                    title: "   ", duration: 12),
            ])
    }

    static let harbourPath = RawPath("/media/film/harbour.mov")
    /// `/media/odd dir/line⏎break \xFF.mp4`: a space, a newline and a byte that is not UTF-8.
    static let oddVideoPath = RawPath(bytes: Array("/media/odd dir/line\nbreak ".utf8) + [0xFF] + Array(".mp4".utf8))
    static let unknownLengthPath = RawPath("/media/unknown.mkv")
    static let palPath = RawPath("/media/pal.mp4")

    /// What an editor cuts from: videos at NTSC (29.97), film (23.976), PAL (25) and
    /// unknown rates, a moment at a single instant, a video without moments, one of
    /// unknown length without moments; and an image and a note no timeline holds.
    static var editorial: SearchResults {
        SearchResults(
            query: "harbour at dawn", library: "/home/ana/.local/share/mlib/library.sqlite",
            generatedAt: generatedAt, mode: "hybrid",
            hits: [
                SearchHit(
                    rank: 1, score: 0.931_27, itemID: 41, path: beachPath, kind: .video, mime: "video/mp4",
                    title: "Sunset 🌅 at the beach", snippet: "the «harbour» at «dawn»", duration: 95.4,
                    metadata: ["frame_rate": 29.970_029_97, "width": 1920, "height": 1080],
                    moments: [Moment(start: 12.5, end: 20, text: "boats leave the harbour"), Moment(start: 40, end: 42.25)]),
                SearchHit(rank: 2, score: 0.8, itemID: 7, path: nonUTF8Path, kind: .image, mime: "image/jpeg"),
                SearchHit(
                    rank: 3, score: 0.7, itemID: 8, path: harbourPath, kind: .video, mime: "video/quicktime",
                    duration: 30, metadata: ["frame_rate": 23.976]),
                SearchHit(
                    rank: 4, score: 0.6, itemID: 3, path: notePath, kind: .text, mime: "text/markdown", title: "Ideas"),
                SearchHit(
                    rank: 5, score: 0.5, itemID: 9, path: oddVideoPath, kind: .video, mime: "video/mp4",
                    snippet: "the «ferry»", duration: 10,
                    moments: [Moment(start: 3, end: 7.25, text: "the ferry\nleaves")]),
                SearchHit(
                    rank: 6, score: 0.4, itemID: 10, path: unknownLengthPath, kind: .video, mime: "video/x-matroska"),
                SearchHit(
                    rank: 7, score: 0.3, itemID: 11, path: palPath, kind: .video, mime: "video/mp4",
                    title: "Flash, \"pal\"", duration: 60, metadata: ["frame_rate": 25],
                    moments: [Moment(start: 40, end: 40, text: "flash")]),
            ])
    }

    static func empty(query: String = "red dress") -> SearchResults {
        SearchResults(query: query, library: "/tmp/library.sqlite", generatedAt: generatedAt, hits: [])
    }
}
