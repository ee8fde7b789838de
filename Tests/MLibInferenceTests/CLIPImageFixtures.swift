import Foundation
import MLibCore
import MLibTestSupport
@testable import MLibInference

/// The pictures and reference pixel values `Scripts/reference/make-clip-images.py`
/// wrote to `Tests/Fixtures/clip-images`, from transformers' `CLIPImageProcessor`
/// with Pillow.
enum CLIPImageFixtures {
    /// Every case the manifest lists, by name.
    static let caseNames = [
        "photo", "rotated", "alpha", "gray", "palette", "tiny", "large", "panorama", "sliver",
        "photo.bilinear", "photo.exact-no-crop", "photo.padded", "tiny.no-resize",
    ]

    struct Manifest: Decodable {
        struct Picture: Decodable {
            var name: String
            var rgb: String?
            var recipe: String?
            var shift: Int?
            var width: Int
            var height: Int
        }

        struct Case: Decodable {
            var name: String
            var picture: String
            var shape: [Int]
            var configuration: String?
            /// transformers' float32 tensor, little-endian.
            var pixelValues: String?
            /// The 8-bit window transformers normalised, rows × columns × RGB.
            var window: String?

            enum CodingKeys: String, CodingKey {
                case name, picture, shape, configuration, window
                case pixelValues = "pixel_values"
            }
        }

        var pictures: [Picture]
        var cases: [Case]
    }

    static func path(_ name: String) -> String {
        Fixtures.path("clip-images/" + name)
    }

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: path("manifest.json"))))
    }

    static func testCase(_ name: String) throws -> Manifest.Case {
        guard let found = try manifest().cases.first(where: { $0.name == name }) else {
            throw MissingFixture(description: "no case \(name) in clip-images/manifest.json")
        }
        return found
    }

    /// The RGB bytes Pillow decoded for `name`, or the recipe's.
    static func picture(_ name: String) throws -> RGBImage {
        guard let picture = try manifest().pictures.first(where: { $0.name == name }) else {
            throw MissingFixture(description: "no picture \(name) in clip-images/manifest.json")
        }
        if let rgb = picture.rgb {
            return try ReferencePicture.raw(path(rgb), width: picture.width, height: picture.height)
        }
        return rings(width: picture.width, height: picture.height, shift: picture.shift ?? 12)
    }

    /// The script's "rings" recipe: red rises left to right, green top to bottom,
    /// blue is `(x² + 3y²) >> shift` modulo 256.
    static func rings(width: Int, height: Int, shift: Int) -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let offset = (y * width + x) * 3
                pixels[offset] = UInt8(x * 255 / max(width - 1, 1))
                pixels[offset + 1] = UInt8(y * 255 / max(height - 1, 1))
                pixels[offset + 2] = UInt8(truncatingIfNeeded: (x * x + 3 * y * y) >> shift)
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// The preprocessor a case names: its configuration folder's, or the default.
    static func preprocessor(for testCase: Manifest.Case) throws -> CLIPImagePreprocessor {
        guard let folder = testCase.configuration else { return CLIPImagePreprocessor() }
        return try CLIPImagePreprocessor(folder: path(folder))
    }

    /// transformers' values for a case: its float32 tensor, or its window mapped
    /// through transformers' arithmetic (which the script checked gives the tensor
    /// bit for bit).
    static func expectedValues(_ testCase: Manifest.Case, configuration: CLIPImagePreprocessor.Configuration) throws -> [Float] {
        if let file = testCase.pixelValues {
            let data = try Data(contentsOf: URL(fileURLWithPath: path(file)))
            return data.withUnsafeBytes { raw in
                (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            }
        }
        guard let file = testCase.window else { throw MissingFixture(description: "case \(testCase.name) has no expected values") }
        let window = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(file))))
        let plane = testCase.shape[1] * testCase.shape[2]
        var values = [Float](repeating: 0, count: 3 * plane)
        for index in 0..<plane {
            for channel in 0..<3 {
                let byte = window[index * 3 + channel]
                var value = configuration.rescales ? Float(Double(byte) * configuration.rescaleFactor) : Float(byte)
                if configuration.normalises {
                    value = (value - configuration.mean[channel]) / configuration.standardDeviation[channel]
                }
                values[channel * plane + index] = value
            }
        }
        return values
    }
}

/// A case or picture the manifest does not have.
struct MissingFixture: Error, CustomStringConvertible {
    var description: String
}

/// How two tensors differ: the largest absolute difference and how many values differ at all.
func difference(_ actual: [Float], _ expected: [Float]) -> (largest: Float, differing: Int) {
    var largest: Float = 0
    var differing = 0
    for (a, b) in zip(actual, expected) where a.bitPattern != b.bitPattern {
        differing += 1
        largest = max(largest, abs(a - b))
    }
    return (largest, differing)
}
