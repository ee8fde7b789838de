import Foundation
import Testing
import MLibTestSupport
@testable import MLibInference

/// The layout of `sentence-transformers/clip-ViT-B-32-multilingual-v1` (DistilBERT,
/// mean pooling, `Dense` 768 → 512 without bias or activation, no `Normalize`) runs
/// through the ordinary sentence encoder and gives what sentence-transformers gives:
/// vectors that are not unit length, to be compared by cosine with CLIP image vectors.
struct CLIPMultilingualTests {
    @Test func theQueryTowerMatchesSentenceTransformers() throws {
        let expected = try CLIPFixtures.reference().multilingual
        let encoder = try SentenceEncoder(folder: CLIPFixtures.folder(CLIPFixtures.multilingual))
        #expect(encoder.family == "distilbert")
        #expect(encoder.dimension == expected.dimension && encoder.maxLength == expected.maxLength)
        let vectors = try encoder.embed(expected.sentences.map(\.text))
        for (vector, sentence) in zip(vectors, expected.sentences) {
            #expect(try encoder.tokenIDs(sentence.text) == sentence.ids, "\(sentence.text.debugDescription)")
            // The vectors are several units long, so the absolute bound is looser.
            let (cosine, largest) = agreement(vector, sentence.embedding)
            #expect(cosine >= 0.9999 && largest <= 1e-3, "\(sentence.text.debugDescription): cosine \(cosine), max |diff| \(largest)")
        }
        let lengths = vectors.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        #expect(lengths.contains { abs($0 - 1) > 0.1 }, "sentence-transformers does not normalise this model's vectors")
    }

    @Test func theInspectorSeesOneTextModelOfItsOwnSpace() throws {
        let towers = try ModelInspector.describeTowers(folder: CLIPFixtures.folder(CLIPFixtures.multilingual))
        #expect(towers.count == 1)
        #expect(towers[0].family == "distilbert" && towers[0].tower == .text && towers[0].dimension == 12)
        #expect(towers[0].space.hasPrefix("text:"))
    }
}
