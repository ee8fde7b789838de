import Foundation
import MLibCore
import MLibStore
import MLibTestSupport
import Testing

@Suite struct LibraryWritingTests {
    @Test func nonUTF8PathsRoundTripByteForByte() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        let bytes: [UInt8] = Array("/media/caf".utf8) + [0xE9, 0x0A] + Array(".txt".utf8)  // Latin-1 é, newline
        var record = LibraryFactory.record("/placeholder", segments: [.init(field: .body, text: "x")])
        record.path = RawPath(bytes: bytes)
        let id = try #require(try library.write([record]).first)
        let item = try #require(try library.item(id: id))
        #expect(item.path.bytes == bytes)
        #expect(try library.item(path: RawPath(bytes: bytes))?.id == id)
    }

    @Test func rewritingAPathUpdatesTheSameItemAndReplacesItsEvidence() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        let first = try library.write([
            LibraryFactory.record("/n.md", title: "Old", segments: [.init(field: .title, text: "Old"), .init(field: .body, text: "alpha")])
        ])
        let second = try library.write([
            LibraryFactory.record("/n.md", title: "New", segments: [.init(field: .body, text: "beta")])
        ])
        #expect(first == second)
        let segments = try library.segments(itemID: first[0])
        #expect(segments.map(\.text) == ["beta"])
        #expect(try library.matchWords("\"alpha\"", kind: nil, limit: 10).isEmpty)
        #expect(try library.matchWords("\"beta\"", kind: nil, limit: 10).map(\.itemID) == first)
    }

    @Test func aMoveKeepsTheItemIdAndTakesTheNewPath() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        let id = try library.write([LibraryFactory.record("/a/photo.jpg", kind: .image, segments: [.init(field: .name, text: "a photo")])])[0]
        var moved = LibraryFactory.record("/b/photo.jpg", kind: .image, segments: [.init(field: .name, text: "b photo")])
        moved.continuesItemID = id
        #expect(try library.write([moved]) == [id])
        #expect(try library.item(path: RawPath("/a/photo.jpg")) == nil)
        #expect(try library.item(path: RawPath("/b/photo.jpg"))?.id == id)
        #expect(try library.status().total == 1)
    }

    @Test func removingAnItemLeavesNoSegmentsFailuresOrIndexRows() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        let ids = try library.write([
            LibraryFactory.record("/x.md", segments: [.init(field: .body, text: "夏日海滩 gone")]),
            IndexRecord(
                path: RawPath("/bad.mp4"), state: FileState(size: 1, modificationTimeNanoseconds: 1, inode: 2, device: 1),
                contentHash: nil, outcome: .failed(code: "corrupt", reason: "/bad.mp4: corrupt", kind: .video)),
        ])
        try library.removeItems(ids: ids)
        for table in ["items", "segments", "failures", "item_fts_docsize", "item_cjk"] {
            let count = try ExternalTool.run("sqlite3", [library.path, "SELECT count(*) FROM \(table)"])
            #expect(count.stdoutString.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(table) not empty")
        }
    }

    @Test func theWordIndexStaysConsistentThroughRewritesAndRemovals() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        for round in 0..<5 {
            let records = (0..<40).map { n in
                LibraryFactory.record(
                    "/r/\(n).md", title: "Note \(n)",
                    segments: [
                        .init(field: .title, text: "Note \(n) round\(round)"),
                        .init(field: .body, text: "café body \(n) round\(round) 夏日海滩"),
                        .init(field: .keywords, text: ""),
                    ], inode: UInt64(n))
            }
            let ids = try library.write(records)
            if round % 2 == 1 { try library.removeItems(ids: Array(ids.prefix(10))) }
        }
        let check = try ExternalTool.run(
            "sqlite3", [library.path, "INSERT INTO item_fts(item_fts, rank) VALUES ('integrity-check', 0)"])
        #expect(check.status == 0, "\(check.stderrString)")
        #expect(try library.matchWords("\"round3\"", kind: nil, limit: 100).isEmpty)
        #expect(try library.matchWords("\"round4\"", kind: nil, limit: 100).count == 40)
        #expect(try library.matchWords("\"cafe\" \"round4\"", kind: nil, limit: 100).count == 40)
    }

    @Test func failedFilesAreListedWithTheirReasons() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        try library.write([
            IndexRecord(
                path: RawPath("/m/broken.jpg"), state: FileState(size: 3, modificationTimeNanoseconds: 1, inode: 9, device: 1),
                contentHash: nil, outcome: .failed(code: "truncated", reason: "/m/broken.jpg: truncated JPEG", kind: .image))
        ])
        let failures = try library.failures()
        #expect(failures.map(\.reason) == ["/m/broken.jpg: truncated JPEG"])
        let status = try library.status()
        #expect(status.failed == 1 && status.image == 0 && status.total == 1)
    }

    @Test func storedFilesUnderAFolderExcludeSiblingsWithTheSamePrefix() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        try library.write([
            LibraryFactory.record("/a/b/in.md", segments: [], inode: 1),
            LibraryFactory.record("/a/b", segments: [], inode: 2),
            LibraryFactory.record("/a/bc/out.md", segments: [], inode: 3),
            LibraryFactory.record("/a/b0.md", segments: [], inode: 4),
        ])
        let paths = try library.storedFiles(under: RawPath("/a/b")).map(\.path.string).sorted()
        #expect(paths == ["/a/b", "/a/b/in.md"])
    }

    @Test func aVectorMadeFromTextThatChangedMeanwhileIsNotStored() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        let model = try LibraryFactory.model(in: library)
        try library.write([LibraryFactory.record("/n.md", segments: [.init(field: .body, text: "first draft")])])
        let target = try #require(try library.segmentsToEmbed(modelID: model.id, limit: 10).first)
        // The file is re-indexed while its old text is being embedded; SQLite may
        // hand the new segment the old id.
        try library.write([LibraryFactory.record("/n.md", segments: [.init(field: .body, text: "final text")])])
        let stale = SegmentVector(segmentID: target.segmentID, segmentText: target.text, window: 0, contentHash: [1])
        #expect(try library.storeVectors([stale], fresh: [([1], [1, 0])], modelID: model.id).isEmpty)
        #expect(try library.vectorCount(modelID: model.id) == 0)

        let fresh = try #require(try library.segmentsToEmbed(modelID: model.id, limit: 10).first)
        let stored = try library.storeVectors(
            [SegmentVector(segmentID: fresh.segmentID, segmentText: fresh.text, window: 0, contentHash: [2])],
            fresh: [([2], [0, 1])], modelID: model.id)
        #expect(stored == [fresh.segmentID])
        #expect(try library.vectorCount(modelID: model.id) == 1)
    }

    @Test func relocatingAnItemRewritesItsNameWordsAndNothingElse() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        let id = try #require(
            try library.write([
                LibraryFactory.record("/a/old.md", segments: [.init(field: .body, text: "harbour"), .init(field: .name, text: "old")])
            ]).first)
        let body = try library.segments(itemID: id).first { $0.field == .body }
        try library.relocate([ItemRelocation(itemID: id, path: RawPath("/b/renamed.md"), nameWords: "renamed 東京タワー")])
        #expect(try library.item(path: RawPath("/b/renamed.md"))?.id == id)
        #expect(try library.item(path: RawPath("/a/old.md")) == nil)
        #expect(try library.segments(itemID: id).first { $0.field == .body } == body)
        #expect(try library.matchWords("renamed", kind: nil, limit: 5).map(\.itemID) == [id])
        #expect(try library.matchWords("old", kind: nil, limit: 5).isEmpty)
        #expect(try library.matchWords("harbour", kind: nil, limit: 5).map(\.itemID) == [id])
        #expect(try library.matchCJK(["東京タ"], kind: nil, limit: 5).map(\.itemID) == [id])
    }
}
