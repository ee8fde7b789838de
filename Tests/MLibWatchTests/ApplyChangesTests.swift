import Foundation
import MLibCore
import MLibIngest
@testable import MLibWatch
import MLibStore
import MLibTestSupport
import Testing

/// `Indexer.apply`: the watcher's changes make the library agree with the disk.
@Suite struct ApplyChangesTests {
    private struct Fixture {
        let library: Library
        let libraryFolder: TemporaryDirectory
        let folder: TemporaryDirectory
        var root: RawPath { RawPath(folder.path) }

        init() throws {
            (library, libraryFolder) = try LibraryFactory.make()
            folder = try TemporaryDirectory()
        }

        func write(_ name: String, _ text: String) throws {
            let url = URL(fileURLWithPath: folder.path(name))
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        func move(_ from: String, _ to: String) throws {
            try FileManager.default.moveItem(atPath: folder.path(from), toPath: folder.path(to))
        }

        func path(_ name: String) -> RawPath { RawPath(folder.path(name)) }

        func apply(_ changes: [Reconciliation]) throws -> (IndexSummary, [IndexEvent]) {
            var events: [IndexEvent] = []
            let summary = try Indexer(library: library).apply(changes, roots: [root], events: { events.append($0) })
            return (summary, events)
        }

        func storedPaths() throws -> Set<String> {
            Set(try library.storedFiles(under: root).map { String(decoding: $0.path.bytes.dropFirst(root.bytes.count + 1), as: UTF8.self) })
        }

        func id(_ name: String) throws -> Int64? { try library.item(path: path(name))?.id }

        func find(_ word: String) throws -> [Int64] {
            try library.matchWords(word, kind: nil, limit: 10).map(\.itemID)
        }

        func remove() {
            libraryFolder.remove()
            folder.remove()
        }
    }

    @Test func aRenamedFileKeepsItsItemAndVectorsAndIsFoundByItsNewName() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.write("draft.txt", "Minutes of the harbour committee\n")
        _ = try fixture.apply([.folder(fixture.root)])
        let id = try #require(try fixture.id("draft.txt"))
        let segments = try fixture.library.segments(itemID: id).map(\.id)

        try fixture.move("draft.txt", "lighthouse.txt")
        let (summary, events) = try fixture.apply([.move(from: fixture.path("draft.txt"), to: fixture.path("lighthouse.txt"))])

        #expect(try fixture.id("lighthouse.txt") == id)
        #expect(try fixture.storedPaths() == ["lighthouse.txt"])
        #expect(summary.progress.toProcess == 0, "a rename must not read the file again")
        #expect(try fixture.library.segments(itemID: id).map(\.id) == segments, "segments (and so their vectors) stay")
        #expect(try fixture.find("lighthouse") == [id])
        #expect(try fixture.find("draft").isEmpty)
        #expect(events == [.moved(from: fixture.path("draft.txt"), to: fixture.path("lighthouse.txt"))])
    }

    @Test func aMovedFolderTakesItsItemsAlongWithoutReadingThem() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.write("trips/rome/day1.txt", "Colosseum at dawn\n")
        try fixture.write("trips/rome/day2.txt", "Trevi fountain\n")
        _ = try fixture.apply([.folder(fixture.root)])
        let ids = [try fixture.id("trips/rome/day1.txt"), try fixture.id("trips/rome/day2.txt")]

        try fixture.move("trips/rome", "trips/naples")
        let (summary, _) = try fixture.apply([.move(from: fixture.path("trips/rome"), to: fixture.path("trips/naples"))])

        #expect(summary.progress.toProcess == 0)
        #expect([try fixture.id("trips/naples/day1.txt"), try fixture.id("trips/naples/day2.txt")] == ids)
        #expect(try fixture.storedPaths() == ["trips/naples/day1.txt", "trips/naples/day2.txt"])
        #expect(Set(try fixture.find("naples")) == Set(ids.compactMap { $0 }), "folder names are part of the name words")
    }

    @Test func aFileRenamedTwiceBeforeTheFirstRenameIsAppliedStillKeepsItsItem() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.write("a.txt", "quince jam recipe\n")
        _ = try fixture.apply([.folder(fixture.root)])
        let id = try fixture.id("a.txt")
        try fixture.move("a.txt", "b.txt")
        try fixture.move("b.txt", "c.txt")
        _ = try fixture.apply([.move(from: fixture.path("a.txt"), to: fixture.path("b.txt"))])
        _ = try fixture.apply([.move(from: fixture.path("b.txt"), to: fixture.path("c.txt"))])
        #expect(try fixture.id("c.txt") == id)
        #expect(try fixture.storedPaths() == ["c.txt"])
    }

    @Test func pathsAreComparedWithTheDiskWhateverTheEventSaid() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.write("keep.txt", "kept note\n")
        try fixture.write("gone.txt", "soon deleted\n")
        _ = try fixture.apply([.folder(fixture.root)])
        try FileManager.default.removeItem(atPath: fixture.folder.path("gone.txt"))
        try fixture.write("new.md", "# Fresh\nbody\n")

        let (summary, events) = try fixture.apply([
            .path(fixture.path("gone.txt")), .path(fixture.path("new.md")), .path(fixture.path("keep.txt")),
        ])
        #expect(try fixture.storedPaths() == ["keep.txt", "new.md"])
        #expect(summary.progress.unchanged == 1, "an unchanged file is not read again")
        #expect(events.contains(.removed(fixture.path("gone.txt"))))
        #expect(events.contains(.indexed(fixture.path("new.md"), .text)))
    }

    @Test func aDeletedFolderTakesItsItemsButAMissingRootKeepsThem() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.write("top.txt", "top\n")
        try fixture.write("sub/deep/inner.txt", "inner\n")
        _ = try fixture.apply([.folder(fixture.root)])
        try FileManager.default.removeItem(atPath: fixture.folder.path("sub"))
        _ = try fixture.apply([.path(fixture.path("sub"))])
        #expect(try fixture.storedPaths() == ["top.txt"])

        let unmounted = RawPath(fixture.folder.path + "-gone")
        try FileManager.default.moveItem(atPath: fixture.folder.path, toPath: unmounted.string)
        defer { try? FileManager.default.moveItem(atPath: unmounted.string, toPath: fixture.folder.path) }
        _ = try fixture.apply([.folder(fixture.root)])
        #expect(try fixture.storedPaths() == ["top.txt"], "a watched root that vanished may only be unmounted")
    }

    @Test func ignoredAndTemporaryFilesLeaveTheLibrary() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.write("notes.log", "build log\n")
        try fixture.write("film.mkv.part", "half\n")
        _ = try fixture.apply([.folder(fixture.root)])
        #expect(try fixture.storedPaths() == ["notes.log"])
        try fixture.write(".mlibignore", "*.log\n")
        _ = try fixture.apply([.folder(fixture.root), .path(fixture.path("film.mkv.part"))])
        #expect(try fixture.storedPaths().isEmpty)
    }

    @Test func aFileMovedBetweenTreesInOneBatchKeepsItsItemByContent() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.write("one/song.txt", "lyrics of the river song\n")
        _ = try fixture.apply([.folder(fixture.root)])
        let id = try fixture.id("one/song.txt")
        try fixture.move("one", "two")
        // Two inotify instances see a removal and a creation, not a rename.
        _ = try fixture.apply([.path(fixture.path("one/song.txt")), .path(fixture.path("two/song.txt"))])
        #expect(try fixture.id("two/song.txt") == id)
    }

    @Test func anEventForAFailedFileRetriesItEvenIfItLooksUnchanged() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let path = fixture.folder.path("photo.jpg")
        let picture = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("images/image.gif")))
        let garbage = Data((0..<picture.count).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        try garbage.write(to: URL(fileURLWithPath: path))
        let stamp = fixture.libraryFolder.path("stamp")
        _ = try ExternalTool.run("touch", ["-r", path, stamp])  // keeps the nanoseconds
        _ = try fixture.apply([.folder(fixture.root)])
        #expect(try fixture.library.status().failed == 1)
        // The same size, inode and modification time, yet now a real picture: as when
        // permissions are fixed (chmod changes none of the three).
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: picture)
        try handle.close()
        _ = try ExternalTool.run("touch", ["-r", stamp, path])

        _ = try fixture.apply([.folder(fixture.root)])
        #expect(try fixture.library.status().failed == 1, "a rescan leaves an unchanged failure alone")
        _ = try fixture.apply([.path(fixture.path("photo.jpg"))])
        #expect(try fixture.library.status().failed == 0)
    }

    @Test func aFileOfAnotherTypeIsTypedOnceWhileItStaysTheSame() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let bytes = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        try bytes.write(to: URL(fileURLWithPath: fixture.folder.path("archive.bin")))
        let indexer = Indexer(library: fixture.library)
        let first = try indexer.apply([.folder(fixture.root)], roots: [fixture.root])
        let again = try indexer.apply([.folder(fixture.root)], roots: [fixture.root])
        #expect(first.progress.toProcess == 1 && first.progress.skipped == 1)
        #expect(again.progress.toProcess == 0 && again.progress.skipped == 1, "a poll must not type it again")

        try Data("now a note\n".utf8).write(to: URL(fileURLWithPath: fixture.folder.path("archive.bin")))
        _ = try indexer.apply([.folder(fixture.root)], roots: [fixture.root])
        #expect(try fixture.storedPaths() == ["archive.bin"], "once changed, it is read again")
    }

    @Test func aLinkToAnotherPartOfTheTreeIndexesNothingTwice() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.write("zoo/otter.txt", "otters hold hands\n")
        try fixture.write("sub/note.txt", "a note\n")
        _ = try fixture.apply([.folder(fixture.root)])
        // A new shortcut inside `sub` to the sibling `zoo`, as the watcher reports it.
        try FileManager.default.createSymbolicLink(
            atPath: fixture.folder.path("sub/pets"), withDestinationPath: fixture.folder.path("zoo"))
        _ = try fixture.apply([.path(fixture.path("sub/pets")), .folder(fixture.path("sub"))])
        #expect(try fixture.storedPaths() == ["sub/note.txt", "zoo/otter.txt"])
    }

    @Test func editingASidecarRereadsTheFileItDescribes() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try FileManager.default.copyItem(
            atPath: Fixtures.path("images/image.gif"), toPath: fixture.folder.path("beach.gif"))
        _ = try fixture.apply([.folder(fixture.root)])
        let id = try #require(try fixture.id("beach.gif"))
        try fixture.write(
            "beach.xmp",
            """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:subject><rdf:Bag><rdf:li>snorkelling</rdf:li>
            </rdf:Bag></dc:subject></rdf:Description></rdf:RDF></x:xmpmeta>
            """)
        _ = try fixture.apply([.path(fixture.path("beach.xmp"))])
        #expect(try fixture.find("snorkelling") == [id])
    }
}

@Suite struct ChangeQueueTests {
    @Test func aChangeWaitingIsNotQueuedTwiceAndOrderIsKept() {
        let queue = ChangeQueue(roots: [RawPath("/r")])
        queue.push([.path(RawPath("/r/a")), .path(RawPath("/r/b")), .path(RawPath("/r/a"))])
        #expect(queue.take(limit: 10, timeout: .zero) == [.path(RawPath("/r/a")), .path(RawPath("/r/b"))])
        queue.push([.path(RawPath("/r/a"))])
        #expect(queue.count == 1, "a change taken may be queued again")
    }

    @Test func aMoveReplacesAWaitingLookAtItsSource() {
        let queue = ChangeQueue(roots: [RawPath("/r")])
        queue.push([.path(RawPath("/r/a")), .path(RawPath("/r/x"))])
        queue.push([.move(from: RawPath("/r/a"), to: RawPath("/r/b"))])
        #expect(
            queue.take(limit: 10, timeout: .zero) == [.path(RawPath("/r/x")), .move(from: RawPath("/r/a"), to: RawPath("/r/b"))])
    }

    @Test func overflowingTheCapacityTurnsIntoOneRescanOfEachRoot() {
        let roots = [RawPath("/r1"), RawPath("/r2")]
        let queue = ChangeQueue(roots: roots, capacity: 100)
        for index in 0..<1_000 {
            queue.push([.path(RawPath("/r1/file\(index)"))])
        }
        #expect(queue.count <= 100)
        #expect(queue.collapses >= 1)
        let taken = queue.take(limit: 1_000, timeout: .zero)
        #expect(taken.starts(with: roots.map { .folder($0) }), "the rescans come first, so nothing is lost")
    }

    @Test func foldersToPollAreTheOutermostOnes() {
        let folders = ["/m/a/b", "/m/a", "/m/a-c/d", "/m/a-c", "/m/a/b/c", "/m/z/y"].map { RawPath($0) }
        #expect(folders.outermost() == ["/m/a", "/m/a-c", "/m/z/y"].map { RawPath($0) })
    }

    @Test func closingWakesATakerWithNothing() {
        let queue = ChangeQueue(roots: [RawPath("/r")])
        queue.push([.path(RawPath("/r/a"))])
        queue.close()
        #expect(queue.take(limit: 10, timeout: .seconds(5)).isEmpty)
    }
}
