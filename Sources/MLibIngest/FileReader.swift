import Foundation
import MLibCore
import MLibMedia
import MLibStore

/// Reads one file into the record ingest stores: its fingerprint and either its
/// extraction or the reason it failed.
enum FileReader {
    /// Extensions that promise a note, an image or a video: content of another type
    /// under such a name is a failure worth reporting, not a file to skip.
    static let promisedKinds: [String: ItemKind] = [
        "txt": .text, "md": .text, "markdown": .text, "org": .text, "text": .text,
        "jpg": .image, "jpeg": .image, "png": .image, "gif": .image, "webp": .image, "tif": .image,
        "tiff": .image, "bmp": .image, "heic": .image, "heif": .image,
        "mp4": .video, "m4v": .video, "mov": .video, "avi": .video, "mkv": .video, "webm": .video,
    ]

    /// The record for `job`, or nil for a file of a type mlib does not index.
    static func record(for job: IndexJob, extractor: MediaExtractor, thumbnails: Library? = nil) -> IndexRecord? {
        let guessedKind = promisedKinds[job.path.pathExtension]
        if let problem = job.problem {
            return IndexRecord(
                path: job.path, state: job.state, contentHash: nil,
                outcome: .failed(code: problem.code, reason: "\(job.path.displayString): \(problem.reason)", kind: guessedKind))
        }
        do {
            var extraction = try extractor.extract(job.path)
            let hash = ContentHasher.hash(job.path)
            if let thumbnail = extraction.thumbnail, let hash, let library = thumbnails {
                let path = library.thumbnailPath(contentHash: hash)
                try? FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? Data(thumbnail).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
            extraction.thumbnail = nil
            return IndexRecord(path: job.path, state: job.state, contentHash: hash, outcome: .indexed(extraction))
        } catch {
            if error.code == .unsupported, guessedKind == nil { return nil }
            return IndexRecord(
                path: job.path, state: job.state, contentHash: ContentHasher.hash(job.path),
                outcome: .failed(code: error.code.rawValue, reason: error.description, kind: guessedKind))
        }
    }
}
