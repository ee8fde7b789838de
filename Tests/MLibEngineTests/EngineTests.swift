import Crypto
import Dispatch
import Foundation
import MLibCore
@testable import MLibEngine
import MLibIngest
import MLibSearch
import MLibStore
import MLibTestSupport
import Synchronization
import Testing

@Suite(.serialized) struct EngineTests {
    static let meaning = "text:all-MiniLM-L6-v2"

    @Test func aQueryEmbeddedBeforeComesFromTheLibraryWithoutLoadingTheModel() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        let first = try fixture.engine(.readOnly).search("ferry crossing at high water", options: SearchOptions(mode: .semantic))
        #expect(first.names.first == "tides.md")
        #expect(first.warnings.isEmpty)

        let engine = try fixture.engine(.readOnly)
        let again = try engine.search("ferry crossing at high water", options: SearchOptions(mode: .semantic))
        #expect(again.names == first.names)
        let model = try #require(try engine.library.model(for: .text))
        #expect(engine.encoders.loaded(model.fingerprint) == nil, "the model was not loaded for a cached query")
        let fresh = try engine.search("baking bread at home", options: SearchOptions(mode: .semantic))
        #expect(fresh.names.first == "bread.md")
        #expect(engine.encoders.loaded(model.fingerprint) != nil, "a new query loads the model")
    }

    @Test func twoModelsLiveSideBySideAndEachSearchesWithItsOwnVectors() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        let engine = try fixture.engine()
        let first = try #require(try engine.library.model(for: .text))
        let firstCount = try engine.library.vectorCount(modelID: first.id)
        #expect(firstCount > 0)

        // Another model: the same weights under another configuration file.
        _ = try fixture.modelCopy("second-model") { $0.replacingOccurrences(of: "{", with: "{\n  \"mlib_test\": 2,", options: .anchored) }
        let reports = try fixture.index(model: "second-model", with: engine)
        #expect(reports.map(\.model) == ["second-model"])
        let models = try engine.library.models()
        #expect(models.count == 2)
        let second = try #require(models.first { $0.name == "second-model" })
        #expect(second.fingerprint != first.fingerprint)
        #expect(try engine.library.vectorCount(modelID: first.id) == firstCount, "the first model keeps its vectors")
        #expect(try engine.library.vectorCount(modelID: second.id) == firstCount)
        #expect(try engine.library.model(for: .text)?.id == first.id, "adding a model does not take the role")

        let byRole = try engine.search("sandcastles by the sea", options: SearchOptions(mode: .semantic))
        #expect(byRole.foundBy(Self.meaning) && !byRole.foundBy("text:second-model"))
        let bySecond = try engine.search("sandcastles by the sea", options: SearchOptions(mode: .semantic), modelName: "second-model")
        #expect(bySecond.foundBy("text:second-model") && !bySecond.foundBy(Self.meaning))
        #expect(bySecond.names.first == "beach.md")

        // Told to use the second model for text, the library drops the first's vectors.
        let (now, replaced) = try engine.useModel("second-model")
        #expect(now.id == second.id && replaced?.id == first.id)
        #expect(try engine.library.vectorCount(modelID: first.id) == 0)
        _ = try engine.forgetModel("second-model")
        #expect(try engine.library.models().allSatisfy { $0.id != second.id })
    }

    @Test func aRenamedModelFolderIsRecognisedByFingerprint() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        let original = try fixture.modelCopy("minilm-before") { $0.replacingOccurrences(of: "{", with: "{\n  \"mlib_test\": 3,", options: .anchored) }
        try fixture.index(model: "minilm-before")
        try FileManager.default.moveItem(atPath: original, toPath: fixture.models + "/minilm-after")

        let engine = try fixture.engine()
        let plan = try engine.embeddingPlan(modelName: nil)
        #expect(plan.notices.isEmpty)
        #expect(plan.passes.map(\.model.name) == ["minilm-before"], "the library's model, found under its new name")
        #expect(try engine.embed(plan).first?.progress.total == 0, "nothing is embedded again")
        let outcome = try engine.search("a hot oven for the loaf", options: SearchOptions(mode: .semantic))
        #expect(outcome.warnings.isEmpty)
        #expect(outcome.names.first == "bread.md")
    }

    @Test func aLongLivedEngineSeesVectorsAnotherProcessAdded() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        let server = try fixture.engine(.readOnly)
        let before = try server.search("violin lessons for children", options: SearchOptions(mode: .semantic))
        #expect(!before.names.contains("music.md"))

        // Another process (its own library connection and engine) adds a note.
        try fixture.write("music.md", "Violin practice\n\nThe children learn scales on the violin every Saturday.")
        try fixture.index()
        let after = try server.search("violin lessons for children", options: SearchOptions(mode: .semantic))
        #expect(after.names.first == "music.md")

        // And removes one: no hole is left in the list.
        try FileManager.default.removeItem(atPath: fixture.folder.path("notes/music.md"))
        try fixture.index()
        let removed = try server.search("violin lessons for children", options: SearchOptions(mode: .semantic, limit: 3))
        #expect(!removed.names.contains("music.md"))
        #expect(removed.results.hits.map(\.rank) == removed.results.hits.indices.map { $0 + 1 })
    }

    @Test func searchesAnswerWhileAnotherConnectionHoldsTheWriteLock() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        let outcome = try RawSQL.whileHoldingWriteLock(on: fixture.libraryPath) {
            let engine = try fixture.engine(.readOnly)
            _ = try engine.statusReport(failures: true)
            return try engine.search("harbour ferry", options: SearchOptions())
        }
        #expect(outcome.names.first == "tides.md")
    }

    @Test func concurrentFirstSearchesShareOneStoreAndAgree() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        let engine = try fixture.engine(.readOnly)
        let answers = Mutex<[[String]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let names = (try? engine.search("seaside holiday swimming", options: SearchOptions()).names) ?? []
            answers.withLock { $0.append(names) }
        }
        let all = answers.withLock { $0 }
        #expect(all.count == 8 && Set(all).count == 1 && all[0].first == "beach.md")
    }

    @Test func aTruncatedWeightsFileGivesResultsByWordsAndOneWarning() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        let copy = try fixture.modelCopy("fragile") { $0.replacingOccurrences(of: "{", with: "{\n  \"mlib_test\": 4,", options: .anchored) }
        try fixture.index(model: "fragile")
        try fixture.engine().useModel("fragile")
        // Truncate the weights, keeping the header: the fingerprint still matches.
        try FileManager.default.removeItem(atPath: copy + "/model.safetensors")
        let whole = try Data(contentsOf: URL(fileURLWithPath: EngineFixture.defaultModel + "/model.safetensors"))
        try whole.prefix(200_000).write(to: URL(fileURLWithPath: copy + "/model.safetensors"))

        let outcome = try fixture.engine(.readOnly).search("ferry tide harbour", options: SearchOptions())
        #expect(outcome.warnings.count == 1)
        #expect(outcome.warnings.first?.contains("fragile") == true)
        #expect(outcome.results.mode == "keyword")
        #expect(outcome.names.first == "tides.md")
        let report = try fixture.engine(.readOnly).modelReports().first { $0.name == "fragile" }
        #expect(report?.problem != nil, "mlib models says what is wrong")
    }

    @Test func allWordsFiltersEveryChannel() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        let outcome = try fixture.engine(.readOnly).search(
            "tide ferry", options: SearchOptions(mode: .hybrid, requireAllWords: true))
        #expect(outcome.names == ["tides.md"], "items found by meaning alone are left out")
        let open = try fixture.engine(.readOnly).search("tide ferry", options: SearchOptions(mode: .hybrid))
        #expect(open.names.count > 1)
    }

    @Test func twoPassesAtOnceEmbedEachPassageOnce() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        let engine = try fixture.engine()
        _ = try engine.index(roots: [RawPath(fixture.folder.path("notes"))])
        let plans = try (0..<2).map { _ in try fixture.engine().embeddingPlan(modelName: nil) }
        let embedded = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let total = (try? fixture.engine().embed(plans[index]).map(\.progress.embedded).reduce(0, +)) ?? -1
            embedded.withLock { $0.append(total) }
        }
        let texts = Set(EngineFixture.notes.flatMap { $0.1.components(separatedBy: "\n\n") }).count
        #expect(embedded.withLock { $0.reduce(0, +) } == texts, "each distinct passage embedded once in all")
    }

    @Test func theVectorStoreAgreesWithTheLibrary() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        let library = try Library.open(at: fixture.libraryPath, mode: .readOnly)
        let model = try #require(try library.model(for: .text))
        let store = try library.vectorStore(for: model)
        let rows = try RawSQL.integers(
            "SELECT count(*) FROM segment_vectors WHERE model_id = \(model.id)", on: fixture.libraryPath)
        #expect(store.store.count == Int(rows[0]))
        #expect(store.store.generation == (try library.generation(modelID: model.id)))
        #expect(FileManager.default.fileExists(atPath: library.vectorStorePath(modelID: model.id)))
    }
}
