import Foundation
import MLibCore
@testable import MLibEngine
import MLibSearch
import MLibTestSupport
import Testing

/// A text cross-encoder among the models reads the best hits with the query; one that
/// cannot be loaded never fails a search.
@Suite(.serialized) struct EngineJudgeTests {
    static var tinyCrossEncoder: String { Fixtures.packageRoot + "/Tests/Fixtures/models/tiny-cross-encoder" }

    /// Copies the tiny cross-encoder into the fixture's models folder as `name`.
    func install(_ fixture: EngineFixture, as name: String = "tiny-cross-encoder") throws -> String {
        let target = fixture.models + "/" + name
        try FileManager.default.copyItem(atPath: Self.tinyCrossEncoder, toPath: target)
        return target
    }

    @Test func theJudgeReadsTheBestHitsAndItsReadingMovesTheirScores() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        _ = try install(fixture)
        let outcome = try fixture.engine(.readOnly).search("ferry at high water", options: SearchOptions(limit: 10))
        #expect(outcome.warnings.isEmpty)
        let hits = outcome.results.hits
        #expect(!hits.isEmpty)
        for hit in hits {
            let explanation = try #require(hit.explanation)
            let judge = try #require(explanation.judgeScore, "\(hit.path.fileName) was not read by the judge")
            // The judge's share of the log-odds, as the rerank blends it.
            let blended = RerankModel.sigmoid(
                (1 - Reranker.judgeShare) * RerankModel.logit(ofProbability: explanation.probability)
                    + Reranker.judgeShare * judge)
            #expect(abs(hit.score - blended) < 1e-9)
        }
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func aDamagedJudgeIsLeftOutWithOneWarningAndTheSearchAnswers() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        let folder = try install(fixture, as: "broken-cross-encoder")
        let weights = folder + "/model.safetensors"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: weights))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: weights))

        let outcome = try fixture.engine(.readOnly).search("ferry at high water", options: SearchOptions(limit: 10))
        #expect(outcome.warnings.count == 1)
        #expect(outcome.warnings.first?.contains("broken-cross-encoder") == true)
        #expect(outcome.results.hits.first?.path.fileName == "tides.md")
        #expect(outcome.results.hits.allSatisfy { $0.explanation?.judgeScore == nil && $0.score == $0.explanation?.probability })
    }

    @Test func withoutTheRerankNoJudgeIsLoaded() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        _ = try install(fixture)
        let outcome = try fixture.engine(.readOnly).search("ferry at high water", options: SearchOptions(limit: 10, rerank: false))
        #expect(outcome.results.ranking == "recall")
        #expect(outcome.results.hits.allSatisfy { $0.explanation == nil })
    }

    @Test func modelsListTheJudgeAsACrossEncoder() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        _ = try install(fixture)
        let reports = try fixture.engine(.readOnly).modelReports()
        let judge = try #require(reports.first { $0.name == "tiny-cross-encoder" })
        #expect(judge.isJudge && judge.problem == nil)
        #expect(StatusReport.line(judge).contains("cross-encoder"))
    }
}
