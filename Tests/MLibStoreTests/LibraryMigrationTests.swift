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
        #expect(status.schemaVersion == "0001_initial")
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
