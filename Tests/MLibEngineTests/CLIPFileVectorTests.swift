import Foundation
import MLibCore
import MLibEngine
import MLibTestSupport
import Testing

/// Picture files end to end — mlib's FFmpeg decoder (EXIF orientation, alpha, reduced
/// JPEG decoding), its Pillow-exact preprocessing and its CLIP vision tower — against
/// transformers with Pillow on the same files (Scripts/reference/make-clip-file-vectors.py).
@Suite struct CLIPFileVectorTests {
    static let expected: [String: [Float]] = {
        let data = FileManager.default.contents(atPath: Fixtures.path("models/tiny-clip-file-vectors.json")) ?? Data()
        return (try? JSONDecoder().decode([String: [Float]].self, from: data)) ?? [:]
    }()

    @Test(arguments: ["photo.jpg", "rotated.jpg", "alpha.png", "gray.png", "palette.gif", "tiny.png", "huge.jpg"])
    func aPictureFileEmbedsAsTransformersEmbedsIt(_ name: String) throws {
        let reference = try #require(Self.expected[name], "no reference vector for \(name)")
        let (model, vectors) = try Engine.embedImages(
            [RawPath(Fixtures.path("clip-images/" + name))], modelName: "tiny-clip", modelsFolder: Fixtures.path("models"))
        #expect(model.tower == .image && model.dimension == reference.count)
        let vector = try #require(vectors.first)
        let cosine = zip(vector, reference).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        #expect(cosine >= 0.99, "\(name): cosine \(cosine)")
    }

    @Test func aTextFileIsNotAPicture() throws {
        #expect(throws: (any Error).self) {
            _ = try Engine.embedImages(
                [RawPath(Fixtures.path("notes/accents.txt"))], modelName: "tiny-clip", modelsFolder: Fixtures.path("models"))
        }
    }
}
