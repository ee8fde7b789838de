import Foundation
import MLibCore
@testable import MLibEngine
import MLibSearch
import MLibStore
import MLibTestSupport
import Testing

/// The rerank on real libraries with the real default sentence model: what a score
/// means, what the explanation says, and where in a video the evidence lies.
@Suite(.serialized) struct EngineRerankTests {
    static let meaning = "text:all-MiniLM-L6-v2"

    @Test func hybridScoresAreProbabilitiesBestFirstEachWithItsReasons() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        let outcome = try fixture.engine(.readOnly).search("ferry crossing at high water", options: SearchOptions(limit: 10))
        #expect(outcome.warnings.isEmpty)
        let results = outcome.results
        #expect(results.mode == "hybrid" && results.ranking == "rerank")
        #expect(results.hits.count >= 2)
        #expect(results.hits.first?.path.fileName == "tides.md")
        #expect(results.hits.allSatisfy { (0...1).contains($0.score) })
        #expect(zip(results.hits, results.hits.dropFirst()).allSatisfy { $0.score >= $1.score })
        for hit in results.hits {
            let explanation = try #require(hit.explanation, "\(hit.path.fileName) has no explanation")
            #expect(explanation.model == "full")
            #expect(explanation.probability == hit.score, "no judge: the features' probability is the score")
            #expect(explanation.judgeScore == nil && explanation.remoteScore == nil)
            #expect(explanation.features.keys.contains("meaning"))
        }
    }

    @Test func withoutTheRerankTheHitsKeepFusionsOrderAndScore() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        let engine = try fixture.engine(.readOnly)
        let query = "swimming by the harbour"
        let reranked = try engine.search(query, options: SearchOptions(limit: 10)).results
        let recalled = try engine.search(query, options: SearchOptions(limit: 10, rerank: false)).results
        #expect(recalled.ranking == "recall")
        #expect(recalled.hits.allSatisfy { $0.explanation == nil && $0.topFrames.isEmpty })
        #expect(recalled.hits.count == reranked.hits.count)
        let byRecall = reranked.hits.sorted { $0.explanation!.recallRank < $1.explanation!.recallRank }
        #expect(recalled.hits.map(\.itemID) == byRecall.map(\.itemID))
        #expect(recalled.hits.map(\.score) == byRecall.map { $0.explanation!.recallScore })
    }

    @Test func aMinimumScoreEndsTheListEarly() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        let engine = try fixture.engine(.readOnly)
        let all = try engine.search("tide tables for the harbour", options: SearchOptions(limit: 10)).results.hits
        #expect(all.count >= 2)
        let threshold = (all[0].score + all[1].score) / 2
        #expect(all[0].score > all[1].score)
        let kept = try engine.search("tide tables for the harbour", options: SearchOptions(limit: 10, minimumScore: threshold)).results.hits
        #expect(kept.count < 10, "the list ends before the limit")
        #expect(kept.map(\.itemID) == all.filter { $0.score >= threshold }.map(\.itemID))
        #expect(kept.allSatisfy { $0.score >= threshold })
    }

    /// Nothing in the library is about physics, though two notes mention a lecture:
    /// whatever recall brings for a physics lecture, the rerank says is unlikely.
    @Test func aQueryWithNothingRelatedScoresLowThroughout() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.write("cookery.md", "Cookery lecture\n\nThe chef's lecture covered folding pastry and glazing a pie.")
        try fixture.write("alps.md", "Travel lecture\n\nA lecture about the night trains across the Alps, with slides.")
        try fixture.index()
        let hits = try fixture.engine(.readOnly).search("quantum chromodynamics lecture", options: SearchOptions(limit: 10)).results.hits
        let top = try #require(hits.first, "recall brings something")
        #expect(top.score < 0.3, "\(top.path.fileName) scored \(top.score): \(top.explanation?.components ?? [])")
    }

    @Test func anExactTitleQueryFindsItsNoteWithAHighScore() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        let engine = try fixture.engine(.readOnly)
        for (title, name) in [("Sourdough notes", "bread.md"), ("Tomato seedlings", "garden.md")] {
            let top = try #require(try engine.search(title, options: SearchOptions(limit: 10)).results.hits.first)
            #expect(top.path.fileName == name)
            #expect(top.score >= 0.8, "\(title): \(top.score)")
        }
    }

    /// Many notes closer in meaning fill the meaning channel's list; a note found only by
    /// its words is still judged by how close its own passages come to the query.
    @Test func aNoteFoundOnlyByWordsIsStillWeighedByItsMeaning() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        for index in 0..<170 {
            try fixture.write("boats-\(index).md", "Boats to the isle\n\nBoats sail across the bay to the isle every morning and come back at dusk.")
        }
        try fixture.write("game.md", "Board game rules\n\nA ferry token moves one square; crossing a river costs a card, and the island tile scores double.")
        try fixture.index()
        let outcome = try fixture.engine(.readOnly).search("ferry crossing to the island", options: SearchOptions(limit: 50))
        #expect(outcome.foundBy(Self.meaning), "the boats are found by meaning")
        let game = try #require(outcome.results.hits.first { $0.path.fileName == "game.md" })
        #expect(game.channels.keys.sorted() == ["words"], "outside the meaning channel's list: \(game.channels)")
        let meaning = try #require(game.explanation?.features["meaning"])
        #expect(meaning > 0, "its passages were scored against the query")
        #expect(game.evidence.contains { $0.source == .semantic && $0.channel == nil }, "the passage weighed is shown")
    }

    @Test func aLibraryWithoutAModelIsJudgedByTheWordsModel() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        let engine = try fixture.engine()
        _ = try engine.index(roots: [RawPath(fixture.folder.path("notes"))])
        let outcome = try engine.search("flood tide ferry", options: SearchOptions(limit: 10))
        #expect(outcome.results.mode == "keyword" && outcome.results.ranking == "rerank")
        let top = try #require(outcome.results.hits.first)
        #expect(top.path.fileName == "tides.md")
        #expect(outcome.results.hits.allSatisfy { $0.explanation?.model == "words" && (0...1).contains($0.score) })
        #expect(top.explanation?.features["meaning"] == 0)
    }
}

// MARK: Videos

extension EngineRerankTests {
    /// A video of `seconds` of FFmpeg's moving test pattern at `path`.
    static func makeVideo(_ path: String, seconds: Int = 6) throws {
        let made = try ExternalTool.run(
            "ffmpeg",
            [
                "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=\(seconds)",
                "-c:v", "mpeg4", "-q:v", "5", "-pix_fmt", "yuv420p", path,
            ])
        #expect(made.status == 0, "ffmpeg: \(made.stderrString)")
    }

    @Test func aVideosMomentIsTheSubtitleCueThatHoldsTheQuery() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try Self.makeVideo(fixture.folder.path("notes/walk.mp4"))
        try """
            1
            00:00:00,500 --> 00:00:02,000
            Gulls circle over the fish market

            2
            00:00:03,000 --> 00:00:05,000
            Lanterns drift along the canal

            """.write(toFile: fixture.folder.path("notes/walk.srt"), atomically: true, encoding: .utf8)
        try fixture.index()
        let engine = try fixture.engine(.readOnly)
        for mode in [SearchMode.hybrid, .keyword] {
            let hit = try #require(
                try engine.search("lanterns drifting on the canal", options: SearchOptions(mode: mode, limit: 5)).results.hits.first)
            #expect(hit.path.fileName == "walk.mp4")
            #expect(hit.moments.first == Moment(start: 3, end: 5, text: "Lanterns drift along the canal"), "\(mode)")
        }
    }

    @Test func withAPictureModelAVideoHitShowsItsClosestFramesBestFirst() throws {
        let fixture = try EnginePictureTests.picturesFixture(clip: true)
        defer { fixture.remove() }
        try Self.makeVideo(fixture.folder.path("notes/pictures/lantern-parade.mp4"), seconds: 5)
        try fixture.index()
        let outcome = try fixture.engine(.readOnly).search("lantern parade", options: SearchOptions(limit: 10))
        #expect(outcome.warnings.isEmpty)
        let hit = try #require(outcome.results.hits.first { $0.path.fileName == "lantern-parade.mp4" })
        #expect(!hit.topFrames.isEmpty && hit.topFrames.count <= 3)
        let similarities = hit.topFrames.map(\.similarity)
        #expect(similarities == similarities.sorted(by: >))
        #expect(hit.topFrames.allSatisfy { (0..<5).contains($0.time) })
        #expect(Set(hit.topFrames.map(\.time)).count == hit.topFrames.count, "each frame once")
    }
}
