import Foundation
import MLibTestSupport
import Testing
@testable import MLibInference

/// The tiny random cross-encoders `Scripts/reference/make-tiny-cross-encoder.py`
/// writes, and what `transformers` computes for them.
enum CrossEncoderFixtures {
    /// One relevance logit; 40-token window from the tokenizer.
    static let oneLabel = "tiny-cross-encoder"
    /// Two labels; 32-token window from the model's positions.
    static let twoLabels = "tiny-cross-encoder-2labels"
    static let all = [oneLabel, twoLabels]

    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: TinyModels.folder(name))
    }

    struct Reference: Decodable {
        struct Model: Decodable {
            var numLabels: Int
            var maxLength: Int
            var pairs: [Pair]

            enum CodingKeys: String, CodingKey {
                case pairs
                case numLabels = "num_labels"
                case maxLength = "max_length"
            }
        }

        struct Pair: Decodable {
            var query: String
            var document: String
            var ids: [Int32]
            var typeIDs: [Int32]
            var logits: [Float]
            var score: Float

            enum CodingKeys: String, CodingKey {
                case query, document, ids, logits, score
                case typeIDs = "type_ids"
            }
        }

        var models: [String: Model]
    }

    static func reference(_ name: String) throws -> Reference.Model {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("models/tiny-cross-encoder-reference.json")))
        return try #require(try JSONDecoder().decode(Reference.self, from: data).models[name])
    }

    /// Whether `actual` is within 1e-4 of `expected`, absolutely or relatively.
    static func agrees(_ actual: Float, _ expected: Float) -> Bool {
        let difference = abs(actual - expected)
        return difference <= 1e-4 || difference <= 1e-4 * abs(expected)
    }
}

/// mlib's cross-encoder against `transformers` on the tiny random models: pair ids
/// and token types exactly, logits to float32 rounding.
struct CrossEncoderGoldenTests {
    @Test(arguments: CrossEncoderFixtures.all)
    func pairsAreTokenisedAndCutAsTransformersDoes(model name: String) throws {
        let expected = try CrossEncoderFixtures.reference(name)
        let encoder = try CrossEncoder(folder: CrossEncoderFixtures.url(name))
        #expect(encoder.maxLength == expected.maxLength)
        for pair in expected.pairs {
            let made = encoder.pair(query: pair.query, document: pair.document)
            #expect(made.ids == pair.ids, "\(pair.query.debugDescription) / \(pair.document.prefix(40).debugDescription)")
            #expect(made.types == pair.typeIDs, "\(pair.query.debugDescription) / \(pair.document.prefix(40).debugDescription)")
        }
    }

    @Test(arguments: CrossEncoderFixtures.all)
    func scoresMatchTheReferenceLogits(model name: String) throws {
        let expected = try CrossEncoderFixtures.reference(name)
        let encoder = try CrossEncoder(folder: CrossEncoderFixtures.url(name))
        for pair in expected.pairs {
            #expect(pair.logits.count == expected.numLabels)
            let score = try encoder.scores(query: pair.query, documents: [pair.document])
            let logit = expected.numLabels == 1 ? pair.logits[0] : pair.logits[1] - pair.logits[0]
            #expect(score.count == 1)
            #expect(CrossEncoderFixtures.agrees(score[0], logit), "\(score[0]) vs \(logit) for \(pair.query.debugDescription) / \(pair.document.prefix(40).debugDescription)")
        }
    }

    /// Documents of every length in one call, longer and shorter than the window,
    /// the empty one included: the same scores as each alone, in input order.
    @Test(arguments: CrossEncoderFixtures.all)
    func aBatchGivesTheScoresOfOnePairAtATime(model name: String) throws {
        let expected = try CrossEncoderFixtures.reference(name)
        let encoder = try CrossEncoder(folder: CrossEncoderFixtures.url(name))
        let query = "seaside holiday crème"
        let documents = expected.pairs.map(\.document)
        let alone = try documents.map { try encoder.scores(query: query, documents: [$0])[0] }
        let together = try encoder.scores(query: query, documents: documents)
        #expect(together.count == documents.count)
        for (index, (batched, single)) in zip(together, alone).enumerated() {
            #expect(abs(batched - single) <= 1e-5, "document \(index): \(batched) batched, \(single) alone")
        }
        #expect(Set(alone).count > documents.count / 2, "the documents should not all score alike")
    }

    /// Enough pairs to fill several forward passes, shuffled so the longest-first
    /// grouping reorders them: every score still lands at its own document.
    @Test func pairsSpreadOverSeveralBatchesKeepTheirOrder() throws {
        let expected = try CrossEncoderFixtures.reference(CrossEncoderFixtures.oneLabel)
        let encoder = try CrossEncoder(folder: CrossEncoderFixtures.url(CrossEncoderFixtures.oneLabel))
        let query = "lighthouse"
        let unique = expected.pairs.map(\.document)
        var generator = SeededGenerator(seed: 7)
        let documents = (0..<24).flatMap { _ in unique }.shuffled(using: &generator)
        let lengths = documents.map { encoder.pair(query: query, document: $0).ids.count }
        try #require(CrossEncoder.batches(lengths: lengths).count > 1)
        let single = Dictionary(try unique.map { ($0, try encoder.scores(query: query, documents: [$0])[0]) }) { first, _ in first }
        let scores = try encoder.scores(query: query, documents: documents)
        #expect(scores.count == documents.count)
        for (document, score) in zip(documents, scores) {
            #expect(abs(score - single[document]!) <= 1e-5, "\(document.prefix(30).debugDescription)")
        }
    }

    @Test func aVeryLongDocumentIsCutAndTheQueryKept() throws {
        let encoder = try CrossEncoder(folder: CrossEncoderFixtures.url(CrossEncoderFixtures.oneLabel))
        let query = "Crème brûlée à Noël"
        let tokenizer = try WordPieceTokenizer(folder: TinyModels.folder(CrossEncoderFixtures.oneLabel))
        let queryPieces = tokenizer.pieceIDs(query)
        let long = Array(repeating: "sea", count: 5_000).joined(separator: " ")
        let pair = encoder.pair(query: query, document: long)
        #expect(pair.ids.count == encoder.maxLength)
        #expect(Array(pair.ids.prefix(queryPieces.count + 2)) == [tokenizer.clsID] + queryPieces + [tokenizer.sepID])
        #expect(pair.ids.last == tokenizer.sepID)
        #expect(pair.types == Array(repeating: 0, count: queryPieces.count + 2) + Array(repeating: 1, count: encoder.maxLength - queryPieces.count - 2))
        // The score is that of the document's opening words that fit.
        let kept = encoder.maxLength - queryPieces.count - 3
        let opening = Array(repeating: "sea", count: kept).joined(separator: " ")
        let scores = try encoder.scores(query: query, documents: [long, opening])
        #expect(abs(scores[0] - scores[1]) <= 1e-5)
    }

    /// A `BertForSequenceClassification` saved without its `bert.` prefix (the
    /// classifier keeps its name) scores the same; the header is rewritten in a copy.
    @Test func weightsWithoutTheBertPrefixScoreTheSame() throws {
        let expected = try CrossEncoderFixtures.reference(CrossEncoderFixtures.oneLabel)
        let directory = try TinyModels.copy(CrossEncoderFixtures.oneLabel)
        defer { directory.remove() }
        try rewriteSafetensorsHeader(directory.path("model.safetensors")) { name in
            name.hasPrefix("bert.") ? String(name.dropFirst(5)) : name
        }
        let weights = try SafetensorsFile(path: directory.path("model.safetensors"))
        #expect(weights.contains("pooler.dense.weight") && !weights.contains("bert.pooler.dense.weight"))
        let encoder = try CrossEncoder(folder: URL(fileURLWithPath: directory.path))
        for pair in expected.pairs {
            let score = try encoder.scores(query: pair.query, documents: [pair.document])[0]
            #expect(CrossEncoderFixtures.agrees(score, pair.score), "\(score) vs \(pair.score)")
        }
    }

    @Test func noDocumentsGiveNoScores() throws {
        let encoder = try CrossEncoder(folder: CrossEncoderFixtures.url(CrossEncoderFixtures.oneLabel))
        #expect(try encoder.scores(query: "sea", documents: []).isEmpty)
        #expect(encoder.name == CrossEncoderFixtures.oneLabel)
    }

    @Test func longestFirstCutsTheLongerSideAndSplitsTheRest() {
        // Fits: nothing cut.
        #expect(CrossEncoderPair.keptLengths(query: 3, passage: 4, budget: 7) == (3, 4))
        // The short side stays whole, the long one takes what is left.
        #expect(CrossEncoderPair.keptLengths(query: 3, passage: 40, budget: 9) == (3, 6))
        #expect(CrossEncoderPair.keptLengths(query: 40, passage: 2, budget: 9) == (7, 2))
        // Both long: halves, the odd token to the longer side, to the passage on a tie.
        #expect(CrossEncoderPair.keptLengths(query: 30, passage: 40, budget: 9) == (4, 5))
        #expect(CrossEncoderPair.keptLengths(query: 40, passage: 30, budget: 9) == (5, 4))
        #expect(CrossEncoderPair.keptLengths(query: 20, passage: 20, budget: 9) == (4, 5))
        #expect(CrossEncoderPair.keptLengths(query: 20, passage: 20, budget: 0) == (0, 0))
    }
}

/// Rewrites the tensor names of the safetensors file at `path`, keeping the data.
func rewriteSafetensorsHeader(_ path: String, renaming rename: (String) -> String?) throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let headerLength = Int(bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    let header = try #require(try JSONSerialization.jsonObject(with: bytes.subdata(in: 8..<(8 + headerLength))) as? [String: Any])
    var renamed: [String: Any] = [:]
    for (name, entry) in header {
        if name == "__metadata__" {
            renamed[name] = entry
        } else if let newName = rename(name) {
            renamed[newName] = entry
        }
    }
    var newHeader = try JSONSerialization.data(withJSONObject: renamed)
    while (8 + newHeader.count) % 4 != 0 { newHeader.append(0x20) }
    var rewritten = withUnsafeBytes(of: UInt64(newHeader.count).littleEndian) { Data($0) }
    rewritten += newHeader
    rewritten += bytes.subdata(in: (8 + headerLength)..<bytes.count)
    try rewritten.write(to: URL(fileURLWithPath: path))
}
