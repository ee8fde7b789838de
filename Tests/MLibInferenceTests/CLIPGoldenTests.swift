import Foundation
import Testing
import MLibTestSupport
@testable import MLibInference

/// mlib's CLIP against `transformers` on the tiny random model: token ids exactly,
/// text and image vectors to float32 rounding.
struct CLIPGoldenTests {
    @Test func tokenIDsMatchTransformers() throws {
        let expected = try CLIPFixtures.reference().clip
        let tokenizer = try CLIPTokenizer(folder: CLIPFixtures.folder(CLIPFixtures.clip))
        #expect(tokenizer.contextLength == expected.contextLength)
        #expect(tokenizer.vocabularySize == 49408)
        for string in expected.strings {
            #expect(tokenizer.encode(string.text) == string.ids, "\(string.text.debugDescription)")
        }
    }

    @Test func textVectorsMatchTransformers() throws {
        let expected = try CLIPFixtures.reference().clip
        let model = try CLIPModel(folder: CLIPFixtures.folder(CLIPFixtures.clip))
        #expect(model.dimension == expected.projectionDimension)
        for string in expected.strings {
            let vector = try model.embed(texts: [string.text])[0]
            let (cosine, largest) = agreement(vector, string.embedding)
            #expect(cosine >= 0.9999 && largest <= 1e-4, "\(string.text.debugDescription): cosine \(cosine), max |diff| \(largest)")
        }
    }

    @Test func aBatchGivesTheSameTextVectors() throws {
        let expected = try CLIPFixtures.reference().clip
        let model = try CLIPModel(folder: CLIPFixtures.folder(CLIPFixtures.clip))
        let vectors = try model.textEmbedder.embed(expected.strings.map(\.text))
        #expect(vectors.count == expected.strings.count)
        for (vector, string) in zip(vectors, expected.strings) {
            let (cosine, largest) = agreement(vector, string.embedding)
            #expect(cosine >= 0.9999 && largest <= 1e-4, "\(string.text.debugDescription): cosine \(cosine), max |diff| \(largest)")
        }
    }

    @Test func imageVectorsMatchTransformers() throws {
        let expected = try CLIPFixtures.reference().clip
        let model = try CLIPModel(folder: CLIPFixtures.folder(CLIPFixtures.clip))
        let pixels = try expected.images.map { try CLIPFixtures.pixels($0.pixels) }
        let together = try model.embed(pixelValues: pixels)
        for (index, image) in expected.images.enumerated() {
            let alone = try model.embed(pixelValues: [pixels[index]])[0]
            for vector in [alone, together[index]] {
                let (cosine, largest) = agreement(vector, image.embedding)
                #expect(cosine >= 0.9999 && largest <= 1e-4, "\(image.pixels): cosine \(cosine), max |diff| \(largest)")
            }
        }
    }
}
