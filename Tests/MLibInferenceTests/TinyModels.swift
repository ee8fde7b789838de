import Foundation
import MLibTestSupport
@testable import MLibInference

/// The tiny random models `Scripts/reference/make-tiny-models.py` writes, and what
/// `transformers` / `sentence-transformers` compute for them.
enum TinyModels {
    static let distilBERT = "tiny-distilbert-cased"
    /// The same model as sentence-transformers 2.x wrote it (module types, pooling
    /// flags, `max_seq_length`), where `distilBERT` is as 6.x writes it.
    static let distilBERTOldLayout = "tiny-distilbert-cased-old"
    static let bertCLS = "tiny-bert-cls"
    static let all = [distilBERT, distilBERTOldLayout, bertCLS]

    /// The committed folder of model `name`.
    static func folder(_ name: String) -> String {
        Fixtures.path("models/" + name)
    }

    struct Reference: Decodable {
        struct Model: Decodable {
            var family: String
            var maxLength: Int
            var dimension: Int
            var sentences: [Sentence]

            enum CodingKeys: String, CodingKey {
                case family, dimension, sentences
                case maxLength = "max_length"
            }
        }

        struct Sentence: Decodable {
            var text: String
            var ids: [Int32]
            var embedding: [Float]
        }

        var models: [String: Model]
        /// Other heads over a committed folder's weights, keyed `folder:head`.
        var variants: [String: Model]
    }

    static func reference() throws -> Reference {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("models/tiny-reference.json")))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    /// A copy of model `name` in a fresh temporary folder, to damage or rewrite.
    static func copy(_ name: String) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let source = folder(name)
        let files = FileManager.default
        for item in try files.subpathsOfDirectory(atPath: source) {
            var isFolder: ObjCBool = false
            if files.fileExists(atPath: source + "/" + item, isDirectory: &isFolder), isFolder.boolValue {
                try files.createDirectory(atPath: directory.path(item), withIntermediateDirectories: true)
            } else {
                try files.copyItem(atPath: source + "/" + item, toPath: directory.path(item))
            }
        }
        return directory
    }
}

/// Cosine similarity and largest absolute difference of two vectors.
func agreement(_ a: [Float], _ b: [Float]) -> (cosine: Float, largest: Float) {
    var dot: Float = 0, aa: Float = 0, bb: Float = 0, largest: Float = 0
    for (x, y) in zip(a, b) {
        dot += x * y
        aa += x * x
        bb += y * y
        largest = max(largest, abs(x - y))
    }
    return (dot / max((aa * bb).squareRoot(), 1e-30), largest)
}

/// Writes `text` to `path`, making folders as needed.
func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}
