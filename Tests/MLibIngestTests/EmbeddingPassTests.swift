import Foundation
import MLibCore
import MLibInference
@testable import MLibIngest
import MLibStore
import MLibTestSupport
import Testing

@Suite struct EmbeddingPassTests {
    static var modelFolder: String {
        ProcessInfo.processInfo.environment["MLIB_TEST_MODEL"] ?? Fixtures.packageRoot + "/models/all-MiniLM-L6-v2"
    }

    /// A pass of the default model over `library`, the model registered there.
    static func pass(_ library: Library, modelBatch: Int = 32) throws -> EmbeddingPass {
        guard FileManager.default.fileExists(atPath: modelFolder + "/model.safetensors") else {
            Issue.record("no model at \(modelFolder): run `make model`")
            throw CocoaError(.fileNoSuchFile)
        }
        let model = try library.register(try ModelInspector.describe(folder: modelFolder))
        return EmbeddingPass(library: library, embedder: try SentenceEncoder(folder: modelFolder), model: model, modelBatch: modelBatch)
    }

    @Test func everyTextSegmentGetsAVectorAndRepeatedTextComesFromTheCache() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        try library.write([
            LibraryFactory.record("/a.md", segments: [.init(field: .title, text: "Beach week"), .init(field: .body, text: "Swimming every day.")], inode: 1),
            LibraryFactory.record("/b.md", segments: [.init(field: .title, text: "Beach week"), .init(field: .name, text: "b")], inode: 2),
        ])
        let pass = try Self.pass(library)
        let progress = try pass.run()
        #expect(progress.total == 3, "names are not embedded")
        #expect(progress.embedded == 2, "the second 'Beach week' is the same text")
        #expect(try library.countSegmentsToEmbed(modelID: pass.model.id) == 0)
        #expect(try library.modelUsage()[pass.model.id]?.vectors == 2, "one vector per distinct text")
        let again = try pass.run()
        #expect(again.total == 0)
    }

    @Test func aCancelledPassStoresNoSegmentWithOnlySomeOfItsWindows() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        let long = (0..<500).map { "word\($0)" }.joined(separator: " ")
        try library.write([
            LibraryFactory.record("/short.md", segments: [.init(field: .title, text: "Tide tables")], inode: 1),
            LibraryFactory.record("/long.md", segments: [.init(field: .body, text: long)], inode: 2),
        ])
        #expect(EmbeddingWindows.split(long).count >= 3)
        var asked = 0
        // Asked before the first batch and before each model call: stop after two texts.
        let pass = try Self.pass(library, modelBatch: 1)
        let progress = try pass.run(isCancelled: {
            asked += 1
            return asked > 3
        })
        #expect(progress.done == 1, "the title is done; the long body is not")
        #expect(try library.countSegmentsToEmbed(modelID: pass.model.id) == 1)
        let rest = try Self.pass(library).run()
        #expect(rest.done == 1)
        #expect(try library.countSegmentsToEmbed(modelID: pass.model.id) == 0)
    }

    @Test func aPassEmbedsForItsOwnModelAndLeavesOtherModelsVectorsAlone() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        try library.write([
            LibraryFactory.record("/a.md", segments: [.init(field: .body, text: "A note about tides.")], inode: 1)
        ])
        let other = try LibraryFactory.model(in: library, name: "other", dimension: 2)
        let hash: [UInt8] = [7]
        let target = try #require(try library.segmentsToEmbed(modelID: other.id, limit: 1).first)
        try library.storeVectors(
            [SegmentVector(segmentID: target.segmentID, segmentText: target.text, window: 0, contentHash: hash)],
            fresh: [(hash, [0.6, 0.8])], modelID: other.id)
        let pass = try Self.pass(library)
        let progress = try pass.run()
        #expect(progress.done == 1)
        #expect(try library.vectorCount(modelID: other.id) == 1, "the other model keeps its vector")
        #expect(try library.vectorCount(modelID: pass.model.id) == 1)
    }

    @Test func aDamagedVectorIsFoundDeletedAndEmbeddedAgain() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        try library.write([LibraryFactory.record("/a.md", segments: [.init(field: .body, text: "A note about tides.")], inode: 1)])
        let pass = try Self.pass(library)
        _ = try pass.run()
        // One NaN in the stored vector, as random damage to a page makes.
        try RawSQL.execute(
            "UPDATE vectors SET vector = x'0000c07f' || substr(vector, 5) WHERE model_id = \(pass.model.id)", on: library.path)
        let store = try library.vectorStore(for: pass.model)
        #expect(store.store.count == 0 || store.damaged == 0, "a damaged row never reaches a store")
        let repaired = try pass.run(verify: true)
        #expect(repaired.repaired == 1)
        #expect(repaired.done == 1)
        let fresh = try library.vectorStore(for: pass.model)
        #expect(fresh.store.count == 1 && fresh.damaged == 0)
    }

    @Test func longPassagesAreEmbeddedInOverlappingWindows() {
        let words = (1...400).map { "word\($0)" }.joined(separator: " ")
        let windows = EmbeddingWindows.split(words)
        #expect(windows.count == 3)
        #expect(windows[0].hasPrefix("word1 ") && windows[0].hasSuffix(" word180"))
        #expect(windows[1].hasPrefix("word151 "), "30 words of overlap")
        #expect(windows.last?.hasSuffix(" word400") == true)
        #expect(EmbeddingWindows.split("short text") == ["short text"])
        #expect(EmbeddingWindows.split(String(repeating: "海", count: 200)).count == 2, "CJK characters count as words")
    }
}
