import Foundation
import MLibCore
@testable import MLibSearch
import MLibStore
import MLibTestSupport
import Synchronization
import Testing

/// The second stage of search on libraries whose passages and frames have vectors
/// made by hand, each at a chosen cosine to the query's vector, so every feature the
/// rerank computes can be checked against arithmetic.
@Suite struct RerankerTests {
    /// The query's vector in every test; a passage at cosine `c` gets `vector(c)`.
    static let queryVector: [Float] = [1, 0]

    static func vector(_ cosine: Float) -> [Float] {
        [cosine, (1 - cosine * cosine).squareRoot()]
    }

    /// A model of test vectors, in a library of records written by the test.
    struct Corpus {
        let library: Library
        let folder: TemporaryDirectory
        let text: StoredModel
        let picture: StoredModel

        init(_ records: [IndexRecord]) throws {
            (library, folder) = try LibraryFactory.make()
            try library.write(records)
            text = try LibraryFactory.model(in: library, name: "m")
            picture = try LibraryFactory.model(in: library, name: "p")
        }

        func item(_ path: String) throws -> Int64 {
            try #require(try library.item(path: RawPath(path))).id
        }

        /// Gives the item's segments `model` vectors at the cosine `cosine` returns for
        /// each (none when it returns nil).
        func vectors(_ path: String, model: StoredModel, _ cosine: (StoredSegment) -> Float?) throws {
            var windows: [SegmentVector] = []
            var fresh: [(contentHash: [UInt8], vector: [Float])] = []
            for segment in try library.segments(itemID: try item(path)) {
                guard let value = cosine(segment) else { continue }
                let hash = withUnsafeBytes(of: segment.id.littleEndian) { Array($0) }
                windows.append(SegmentVector(segmentID: segment.id, segmentText: segment.text, window: 0, contentHash: hash))
                fresh.append((hash, RerankerTests.vector(value)))
            }
            try library.storeVectors(windows, fresh: fresh, modelID: model.id)
        }

        func textChannel() throws -> VectorChannel {
            VectorChannel(name: "text:m", store: try library.vectorStore(for: text).store, queryVector: RerankerTests.queryVector)
        }

        func pictureChannel() throws -> VectorChannel {
            VectorChannel(
                name: "picture:p", store: try library.vectorStore(for: picture).store, queryVector: RerankerTests.queryVector,
                floor: VectorChannel.pictureFloor, sure: VectorChannel.pictureSure, space: .picture)
        }

        func remove() { folder.remove() }
    }

    /// A note with a title and body passages.
    static func note(_ path: String, title: String, body: [String], inode: UInt64) -> IndexRecord {
        LibraryFactory.record(
            path, title: title, segments: [.init(field: .title, text: title)] + body.map { .init(field: .body, text: $0) }, inode: inode)
    }

    /// Ranks by bm25 alone, so a test knows which candidate the rerank puts first.
    static let byWords = RerankModel(name: "by-words", intercept: -2, weights: [.bm25: 6])

    @Test func everyPassageOfACandidateIsWeighedNotOnlyThoseRecallSaw() throws {
        // 160 notes closer in meaning than any passage of the ferry note fill the meaning
        // channel's list, so the ferry note is found by its words alone.
        let fillers = (0..<160).map { Self.note("/r/filler\($0).md", title: "Filler \($0)", body: ["Nothing much \($0)"], inode: UInt64(100 + $0)) }
        let corpus = try Corpus(
            fillers + [
                Self.note(
                    "/r/ferry.md", title: "Timetables", body: ["The ferry leaves at nine.", "Boats cross to the island every hour."],
                    inode: 1)
            ])
        defer { corpus.remove() }
        for index in 0..<160 { try corpus.vectors("/r/filler\(index).md", model: corpus.text) { _ in 0.9 } }
        try corpus.vectors("/r/ferry.md", model: corpus.text) { segment in
            segment.text.hasPrefix("Boats") ? 0.7 : segment.text.hasPrefix("The ferry") ? 0.3 : 0.25
        }
        let engine = SearchEngine(
            library: corpus.library, vectorChannels: [try corpus.textChannel()], reranker: Reranker(full: Self.byWords))
        let results = try engine.search("ferry", options: SearchOptions(limit: 5))

        let hit = try #require(results.hits.first)
        #expect(hit.path.string == "/r/ferry.md")
        #expect(hit.channels.keys.sorted() == ["words"], "the meaning channel's list was full of closer notes")
        let explanation = try #require(hit.explanation)
        let meaning = try #require(explanation.features["meaning"])
        #expect(abs(meaning - (0.7 - 0.2) / 0.4) < 1e-4, "its best passage, at 0.7, on the 0.2…0.6 scale")
        // The passage it weighed is shown as evidence by meaning.
        let weighed = try #require(hit.evidence.first { $0.source == .semantic })
        #expect(weighed.text == "Boats cross to the island every hour.")
        #expect(abs(weighed.score - 0.7) < 1e-4)
    }

    @Test func meaningIsCappedAtOneAndAHalfAndZeroBelowTheFloor() throws {
        let corpus = try Corpus([
            Self.note("/r/close.md", title: "Close", body: ["harbour"], inode: 1),
            Self.note("/r/far.md", title: "Far", body: ["harbour"], inode: 2),
        ])
        defer { corpus.remove() }
        try corpus.vectors("/r/close.md", model: corpus.text) { _ in 0.99 }
        try corpus.vectors("/r/far.md", model: corpus.text) { _ in 0.1 }
        let engine = SearchEngine(library: corpus.library, vectorChannels: [try corpus.textChannel()], reranker: Reranker())
        let hits = try engine.search("harbour").hits
        let features = Dictionary(uniqueKeysWithValues: hits.map { ($0.path.string, $0.explanation?.features ?? [:]) })
        #expect(features["/r/close.md"]?["meaning"] == 1.5)
        #expect(features["/r/far.md"]?["meaning"] == 0)
        #expect(hits.first?.path.string == "/r/close.md")
    }

    @Test func theWordsModelJudgesWhenNoMeaningChannelRanAndTheFullModelWhenOneDid() throws {
        let corpus = try Corpus([
            Self.note("/r/a.md", title: "Harbour walk", body: ["The harbour at dawn"], inode: 1),
            Self.note("/r/b.md", title: "Errands", body: ["Past the harbour to the shop"], inode: 2),
        ])
        defer { corpus.remove() }
        for path in ["/r/a.md", "/r/b.md"] { try corpus.vectors(path, model: corpus.text) { _ in 0.4 } }
        let full = RerankModel(name: "test-full", intercept: -1, weights: [.coverage: 1, .meaning: 2])
        let words = RerankModel(name: "test-words", intercept: -3, weights: [.coverage: 2, .bm25: 1])
        let reranker = Reranker(full: full, words: words)

        let byWords = try SearchEngine(library: corpus.library, reranker: reranker).search("harbour")
        #expect(byWords.ranking == "rerank")
        #expect(byWords.hits.count == 2)
        for hit in byWords.hits {
            let explanation = try #require(hit.explanation)
            #expect(explanation.model == "test-words" && explanation.bias == -3)
            #expect(explanation.probability == hit.score)
            #expect(Set(explanation.features.keys) == Set(RerankFeature.allCases.map(\.rawValue)), "every feature, weighed or not")
            #expect(explanation.features["meaning"] == 0)
            let logit = explanation.components.reduce(explanation.bias) { $0 + $1.contribution }
            #expect(abs(RerankModel.sigmoid(logit) - hit.score) < 1e-12)
        }

        let engine = SearchEngine(library: corpus.library, vectorChannels: [try corpus.textChannel()], reranker: reranker)
        for hit in try engine.search("harbour").hits {
            let explanation = try #require(hit.explanation)
            #expect(explanation.model == "test-full")
            let meaning = try #require(explanation.features["meaning"])
            #expect(abs(meaning - 0.5) < 1e-4)
            #expect(abs(hit.score - RerankModel.sigmoid(-1 + (explanation.features["coverage"] ?? 0) + 2 * meaning)) < 1e-12)
        }
    }

    @Test func withoutTheRerankRecallsOrderAndScoreStandAndTheRerankRemembersThem() throws {
        let (plain, folder) = try SearchEngineTests.corpus()
        defer { folder.remove() }
        let engine = SearchEngine(library: plain.library, reranker: Reranker())
        let reranked = try engine.search("red dress by cafe window")
        let recalled = try engine.search("red dress by cafe window", options: SearchOptions(rerank: false))
        #expect(recalled.ranking == "recall")
        #expect(recalled.hits.allSatisfy { $0.explanation == nil })
        #expect(recalled.hits.map(\.itemID) == (try plain.search("red dress by cafe window")).hits.map(\.itemID))

        #expect(reranked.ranking == "rerank")
        #expect(Set(reranked.hits.map(\.itemID)) == Set(recalled.hits.map(\.itemID)))
        let byRecall = reranked.hits.sorted { $0.explanation!.recallRank < $1.explanation!.recallRank }
        #expect(byRecall.map(\.itemID) == recalled.hits.map(\.itemID))
        #expect(byRecall.map { $0.explanation!.recallRank } == Array(1...recalled.hits.count))
        #expect(byRecall.map { $0.explanation!.recallScore } == recalled.hits.map(\.score))
        #expect(reranked.hits.allSatisfy { (0...1).contains($0.score) })
        #expect(zip(reranked.hits, reranked.hits.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func aMinimumScoreLeavesLowerHitsOutEvenBelowTheLimit() throws {
        let (plain, folder) = try SearchEngineTests.corpus()
        defer { folder.remove() }
        let engine = SearchEngine(library: plain.library, reranker: Reranker())
        let all = try engine.search("red dress by cafe window").hits
        #expect(all.count >= 3)
        let scores = all.map(\.score)
        let threshold = (scores[0] + scores[all.count - 1]) / 2
        #expect(scores[0] > scores[all.count - 1], "the hits differ in score: \(scores)")
        let kept = try engine.search("red dress by cafe window", options: SearchOptions(limit: 20, minimumScore: threshold)).hits
        #expect(kept.map(\.itemID) == all.filter { $0.score >= threshold }.map(\.itemID))
        #expect(kept.count < all.count)
        #expect(kept.map(\.rank) == Array(1...kept.count))
    }

    // MARK: Videos

    static func walk(inode: UInt64 = 1) -> IndexRecord {
        LibraryFactory.record(
            "/r/walk.mp4", kind: .video, title: "Canal boats", duration: 10,
            segments: [
                .init(field: .title, text: "Canal boats"),
                .init(field: .subtitle, text: "Gulls over the harbour", start: 1, end: 3),
                .init(field: .subtitle, text: "Lanterns along the river", start: 5, end: 7),
            ] + (0..<10).map { .init(field: .picture, text: "", modality: .frame, start: Double($0), end: Double($0 + 1)) },
            inode: inode)
    }

    /// Frame similarities: a run of three around 4 s, a lone best frame at 9 s.
    static let frameCosines: [Float] = [0.1, 0.1, 0.1, 0.25, 0.26, 0.25, 0.1, 0.1, 0.1, 0.32]

    static func videoCorpus() throws -> Corpus {
        let corpus = try Corpus([walk()])
        try corpus.vectors("/r/walk.mp4", model: corpus.picture) { segment in
            segment.field == .picture ? frameCosines[Int(segment.start!)] : nil
        }
        return corpus
    }

    @Test func aVideoHitCarriesItsBestFramesAndTheCueThatHoldsTheWords() throws {
        let corpus = try Self.videoCorpus()
        defer { corpus.remove() }
        let engine = SearchEngine(library: corpus.library, vectorChannels: [try corpus.pictureChannel()], reranker: Reranker())
        let hit = try #require(try engine.search("lanterns river").hits.first)
        #expect(hit.moments.first == Moment(start: 5, end: 7, text: "Lanterns along the river"))
        #expect(hit.topFrames.map(\.time) == [9, 4, 3], "best first; of two equal frames the earlier")
        for frame in hit.topFrames {
            #expect(abs(frame.similarity - Double(Self.frameCosines[Int(frame.time)])) < 1e-4)
        }
        let picture = try #require(hit.explanation?.features["picture"])
        let window = try #require(FrameWindow.best(of: Self.frames()))
        #expect(abs(picture - (window.similarity - 0.18) / 0.12) < 1e-4, "the smoothed window, not the lone best frame")
    }

    @Test func withoutACueThatHoldsTheQueryTheMomentIsTheBestWindowOfFrames() throws {
        let corpus = try Self.videoCorpus()
        defer { corpus.remove() }
        let engine = SearchEngine(library: corpus.library, vectorChannels: [try corpus.pictureChannel()], reranker: Reranker())
        let hit = try #require(try engine.search("canal boats").hits.first)
        let window = try #require(FrameWindow.best(of: Self.frames()))
        #expect(hit.moments.first == Moment(start: window.start, end: window.end, text: nil))
        #expect(window.start <= 4 && window.end >= 5, "around the run of good frames")
    }

    static func frames() -> [FrameWindow.Frame] {
        frameCosines.enumerated().map {
            FrameWindow.Frame(start: Double($0.offset), end: Double($0.offset + 1), similarity: Double($0.element))
        }
    }

    // MARK: A judge

    /// A stand-in for a text cross-encoder: reads +8 for a passage holding `favoured`,
    /// −8 for any other, and remembers what it was given.
    final class WordJudge: PassageJudge {
        let name = "word-judge"
        let favoured: String
        let answerCount: (@Sendable (Int) -> Int)?
        let calls = Mutex<[(query: String, passages: [String])]>([])

        init(favouring favoured: String, answerCount: (@Sendable (Int) -> Int)? = nil) {
            self.favoured = favoured
            self.answerCount = answerCount
        }

        func scores(query: String, passages: [String]) throws -> [Double] {
            calls.withLock { $0.append((query, passages)) }
            let readings = passages.map { $0.contains(favoured) ? 8.0 : -8.0 }
            guard let answerCount else { return readings }
            return Array(readings.prefix(answerCount(passages.count)))
        }
    }

    static func judgedCorpus() throws -> Corpus {
        try Corpus([
            Self.note("/r/one.md", title: "Harbour", body: ["Harbour harbour harbour, the harbour again."], inode: 1),
            Self.note("/r/two.md", title: "Walks", body: ["Along the harbour wall."], inode: 2),
            Self.note("/r/three.md", title: "Zebra crossing", body: ["A harbour street with a zebra crossing."], inode: 3),
        ])
    }

    @Test func aJudgesReadingIsBlendedIntoTheLogOddsOfTheBestCandidates() throws {
        let corpus = try Self.judgedCorpus()
        defer { corpus.remove() }
        let local = try SearchEngine(library: corpus.library, reranker: Reranker(words: Self.byWords)).search("harbour").hits
        #expect(local.count == 3)
        #expect(local.last?.path.string == "/r/three.md", "the zebra note is last by words")

        let judge = WordJudge(favouring: "zebra")
        let judged = try SearchEngine(library: corpus.library, reranker: Reranker(words: Self.byWords, judge: judge, judgeDepth: 3))
            .search("harbour").hits
        #expect(judged.map(\.path.string) == ["/r/three.md"] + local.prefix(2).map(\.path.string))
        for hit in judged {
            let explanation = try #require(hit.explanation)
            let reading = hit.path.string == "/r/three.md" ? 8.0 : -8.0
            #expect(explanation.judgeScore == reading)
            #expect(explanation.probability == local.first { $0.itemID == hit.itemID }?.score, "the features' probability, before the judge")
            let blended = RerankModel.sigmoid(
                (1 - Reranker.judgeShare) * RerankModel.logit(ofProbability: explanation.probability) + Reranker.judgeShare * reading)
            #expect(abs(hit.score - blended) < 1e-12)
        }
        let call = try #require(judge.calls.withLock { $0.first })
        #expect(call.query == "harbour")
        #expect(call.passages.count == 3)
        #expect(call.passages.last?.hasPrefix("Zebra crossing") == true, "the title comes first in what the judge reads")
    }

    @Test func theJudgeReadsOnlyTheBestFewAndTheRestKeepTheirProbability() throws {
        let corpus = try Self.judgedCorpus()
        defer { corpus.remove() }
        let judge = WordJudge(favouring: "zebra")
        let hits = try SearchEngine(library: corpus.library, reranker: Reranker(words: Self.byWords, judge: judge, judgeDepth: 2))
            .search("harbour").hits
        #expect(judge.calls.withLock { $0.map(\.passages.count) } == [2])
        let unread = try #require(hits.first { $0.path.string == "/r/three.md" })
        #expect(unread.explanation?.judgeScore == nil)
        #expect(unread.score == unread.explanation?.probability)
        #expect(hits.filter { $0.explanation?.judgeScore == -8 }.count == 2)
    }

    @Test func aJudgeThatAnswersForTooFewPassagesIsIgnored() throws {
        let corpus = try Self.judgedCorpus()
        defer { corpus.remove() }
        let local = try SearchEngine(library: corpus.library, reranker: Reranker(words: Self.byWords)).search("harbour").hits
        let judge = WordJudge(favouring: "zebra") { $0 - 1 }
        let hits = try SearchEngine(library: corpus.library, reranker: Reranker(words: Self.byWords, judge: judge))
            .search("harbour").hits
        #expect(judge.calls.withLock { $0.count } == 1)
        #expect(hits.map(\.itemID) == local.map(\.itemID))
        #expect(hits.map(\.score) == local.map(\.score))
        #expect(hits.allSatisfy { $0.explanation?.judgeScore == nil })
    }
}
