import Foundation
import MLibCore
import MLibStore
import MLibTestSupport
import Testing

@Suite struct LibraryMigrationTests {
    @Test func newLibraryIsAtTheLatestSchemaAndEmpty() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        let status = try library.status()
        #expect(status.schemaVersion == "0002_embeddings")
        #expect(status.total == 0)
        #expect(status.segments == 0)
    }

    @Test func reopeningKeepsItemsAndAppliesNothingTwice() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        try library.write([LibraryFactory.record("/notes/a.md", segments: [.init(field: .body, text: "kept")])])
        let again = try Library.open(at: library.path)
        #expect(try again.status().total == 1)
        #expect(try again.item(path: RawPath("/notes/a.md")) != nil)
    }

    @Test func aLibraryAtTheFirstSchemaIsUpgradedAndKeepsItsItems() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("old.sqlite")
        let first = try String(contentsOfFile: Fixtures.packageRoot + "/Schema/0001_initial.sql", encoding: .utf8)
        let setup = first + """
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('0001_initial');
            INSERT INTO items (path, path_text, status, kind, size, mtime_ns, inode, device, indexed_at)
            VALUES (X'2F6F6C642E6D64', '/old.md', 'indexed', 'text', 1, 1, 1, 1, '2026-01-01T00:00:00Z');
            """
        #expect(try ExternalTool.run("sqlite3", [path], input: Data(setup.utf8)).status == 0)
        let library = try Library.open(at: path)
        #expect(try library.schemaVersion() == "0002_embeddings")
        #expect(try library.item(path: RawPath("/old.md")) != nil)
        #expect(try library.countSegmentsToEmbed(model: "any") == 0)
    }

    @Test func libraryFromANewerMlibIsRefusedWithAClearError() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("newer.sqlite")
        _ = try Library.open(at: path)
        // A later mlib would have recorded a migration this build does not know.
        let sqlite = try ExternalTool.run(
            "sqlite3", [path, "INSERT INTO grdb_migrations (identifier) VALUES ('9999_future')"])
        #expect(sqlite.status == 0)
        #expect {
            _ = try Library.open(at: path)
        } throws: { error in
            guard let error = error as? LibraryError else { return false }
            return error.code == .newerSchema && error.description.contains("newer mlib")
        }
    }

    @Test func aFileThatIsNotALibraryIsReportedAsSuch() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("notes.txt")
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try Library.open(at: path)
        } throws: { error in
            (error as? LibraryError)?.code == .corrupt
        }
    }

    @Test func libraryUsesWriteAheadLogging() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        let mode = try ExternalTool.run("sqlite3", [library.path, "PRAGMA journal_mode"])
        #expect(mode.stdoutString.trimmingCharacters(in: .whitespacesAndNewlines) == "wal")
    }
}
