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

    static func encoder(named name: String? = nil, in folder: TemporaryDirectory? = nil) throws -> SentenceEncoder {
        guard FileManager.default.fileExists(atPath: modelFolder + "/model.safetensors") else {
            Issue.record("no model at \(modelFolder): run `make model`")
            throw CocoaError(.fileNoSuchFile)
        }
        guard let name, let folder else { return try SentenceEncoder(folder: modelFolder) }
        // The same weights under another name: to mlib, another model.
        try FileManager.default.createSymbolicLink(atPath: folder.path(name), withDestinationPath: modelFolder)
        return try SentenceEncoder(folder: folder.path(name))
    }

    @Test func everyTextSegmentGetsAVectorAndRepeatedTextComesFromTheCache() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        try library.write([
            LibraryFactory.record("/a.md", segments: [.init(field: .title, text: "Beach week"), .init(field: .body, text: "Swimming every day.")], inode: 1),
            LibraryFactory.record("/b.md", segments: [.init(field: .title, text: "Beach week"), .init(field: .name, text: "b")], inode: 2),
        ])
        let progress = try EmbeddingPass(library: library, embedder: try Self.encoder()).run()
        #expect(progress.total == 3, "names are not embedded")
        #expect(progress.embedded == 2, "the second 'Beach week' is the same text")
        #expect(try library.countSegmentsToEmbed(model: "all-MiniLM-L6-v2") == 0)
        let again = try EmbeddingPass(library: library, embedder: try Self.encoder()).run()
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
        let progress = try EmbeddingPass(library: library, embedder: try Self.encoder(), modelBatch: 1).run(isCancelled: {
            asked += 1
            return asked > 3
        })
        #expect(progress.done == 1, "the title is done; the long body is not")
        #expect(try library.countSegmentsToEmbed(model: "all-MiniLM-L6-v2") == 1)
        let rest = try EmbeddingPass(library: library, embedder: try Self.encoder()).run()
        #expect(rest.done == 1)
        #expect(try library.countSegmentsToEmbed(model: "all-MiniLM-L6-v2") == 0)
    }

    @Test func changingTheModelReEmbedsAndDropsTheOldVectors() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        try library.write([
            LibraryFactory.record("/a.md", segments: [.init(field: .body, text: "A note about tides.")], inode: 1)
        ])
        _ = try EmbeddingPass(library: library, embedder: try Self.encoder()).run()
        let renamed = try Self.encoder(named: "minilm-copy", in: folder)
        let progress = try EmbeddingPass(library: library, embedder: renamed).run()
        #expect(progress.total == 1)
        #expect(progress.embedded == 1, "the cache is per model")
        var models: Set<String> = []
        try library.forEachVector(model: "all-MiniLM-L6-v2") { _, _, _, _, _ in models.insert("old") }
        try library.forEachVector(model: "minilm-copy") { _, _, _, _, _ in models.insert("new") }
        #expect(models == ["new"])
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
