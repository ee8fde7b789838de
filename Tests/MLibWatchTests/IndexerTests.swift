import Foundation
import MLibCore
import MLibIngest
import MLibWatch
import MLibStore
import MLibTestSupport
import Testing

/// Whole-folder runs (`mlib index`).
@Suite struct IndexerTests {
    @Test func overlappingRootsIndexEachFileOnce() throws {
        let (library, libraryFolder) = try LibraryFactory.make()
        defer { libraryFolder.remove() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("sub"), withIntermediateDirectories: true)
        try Data("inner note\n".utf8).write(to: URL(fileURLWithPath: folder.path("sub/inner.txt")))
        let summary = try Indexer(library: library).run(roots: [RawPath(folder.path)], progress: { _ in })
        let again = try Indexer(library: library).run(roots: [RawPath(folder.path("sub")), RawPath(folder.path)])
        #expect(summary.progress.added == 1)
        #expect(again.progress.unchanged == 1 && again.progress.removed == 0)
        #expect(try library.status().total == 1)
    }

    @Test func aMissingRootKeepsItsItems() throws {
        let (library, libraryFolder) = try LibraryFactory.make()
        defer { libraryFolder.remove() }
        let folder = try TemporaryDirectory()
        try Data("kept\n".utf8).write(to: URL(fileURLWithPath: folder.path("a.txt")))
        _ = try Indexer(library: library).run(roots: [RawPath(folder.path)])
        folder.remove()
        let summary = try Indexer(library: library).run(roots: [RawPath(folder.path)])
        #expect(summary.rootErrors.count == 1)
        #expect(try library.status().total == 1, "an unmounted disk must not empty the library")
    }

    @Test func aLibraryInsideTheIndexedFolderNeverIndexesItsOwnFiles() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let library = try Library.open(at: folder.path("mlib.sqlite"))
        try Data("a note\n".utf8).write(to: URL(fileURLWithPath: folder.path("note.txt")))
        // The watcher's lock file holds its pid: plain text that would pass for a note.
        try Data("4242\n".utf8).write(to: URL(fileURLWithPath: folder.path("mlib.sqlite.watch.lock")))
        _ = try Indexer(library: library).run(roots: [RawPath(folder.path)])
        let stored = try library.storedFiles(under: RawPath(folder.path)).map(\.path.fileName)
        #expect(stored == ["note.txt"])
    }
}
