import Foundation
import MLibTestSupport
@testable import MLibInference

/// The tiny random CLIP models `Scripts/reference/make-tiny-clip.py` writes, and what
/// `transformers` / `sentence-transformers` compute for them.
enum CLIPFixtures {
    static let clip = "tiny-clip"
    static let multilingual = "tiny-clip-multilingual"

    /// The committed folder of model `name`.
    static func folder(_ name: String) -> String {
        Fixtures.path("models/" + name)
    }

    struct Reference: Decodable {
        struct CLIP: Decodable {
            var projectionDimension: Int
            var contextLength: Int
            var strings: [Text]
            var images: [Image]

            enum CodingKeys: String, CodingKey {
                case strings, images
                case projectionDimension = "projection_dim"
                case contextLength = "context_length"
            }
        }

        struct Text: Decodable {
            var text: String
            var ids: [Int32]
            var embedding: [Float]
        }

        struct Image: Decodable {
            var pixels: String
            var embedding: [Float]
        }

        struct Multilingual: Decodable {
            var maxLength: Int
            var dimension: Int
            var sentences: [Text]

            enum CodingKeys: String, CodingKey {
                case dimension, sentences
                case maxLength = "max_length"
            }
        }

        var clip: CLIP
        var multilingual: Multilingual
    }

    static func reference() throws -> Reference {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("models/tiny-clip-reference.json")))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    /// The float32 little-endian pixel_values in fixture file `name`.
    static func pixels(_ name: String) throws -> [Float] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("models/" + name)))
        return data.withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }
}
