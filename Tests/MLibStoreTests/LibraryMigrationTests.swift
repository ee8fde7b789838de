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
        #expect(status.schemaVersion == "0004_pictures")
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
        #expect(try library.schemaVersion() == "0004_pictures")
        #expect(try library.item(path: RawPath("/old.md")) != nil)
        #expect(try library.countSegmentsToEmbed(modelID: LibraryFactory.model(in: library).id) == 0)
    }

    @Test func aSchemaTwoLibraryKeepsItsVectorsAndItsModelIsAdoptedByName() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("two.sqlite")
        var setup = ""
        for name in ["0001_initial", "0002_embeddings"] {
            setup += try String(contentsOfFile: Fixtures.packageRoot + "/Schema/\(name).sql", encoding: .utf8) + "\n"
        }
        setup += """
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('0001_initial'), ('0002_embeddings');
            INSERT INTO items (id, path, path_text, status, kind, size, mtime_ns, inode, device, indexed_at)
            VALUES (1, X'2F6F6C642E6D64', '/old.md', 'indexed', 'text', 1, 1, 1, 1, '2026-01-01T00:00:00Z');
            INSERT INTO segments (id, item_id, ordinal, field, modality, text) VALUES (5, 1, 0, 'body', 'text', 'tides');
            INSERT INTO embeddings (segment_id, model, window, dimension, vector) VALUES (5, 'm', 0, 2, X'0000803F00000000');
            """
        #expect(try ExternalTool.run("sqlite3", [path], input: Data(setup.utf8)).status == 0)
        let library = try Library.open(at: path)
        let legacy = try #require(try library.model(for: .text))
        #expect(legacy.isLegacy && legacy.name == "m")
        #expect(try library.vectorCount(modelID: legacy.id) == 1)
        let adopted = try LibraryFactory.model(in: library, name: "m", dimension: 2)
        #expect(adopted.id == legacy.id && !adopted.isLegacy)
        #expect(try library.countSegmentsToEmbed(modelID: adopted.id) == 0, "the old vector still counts")
        let store = try library.vectorStore(for: adopted)
        #expect(store.store.search([1, 0], k: 1).first?.segmentID == 5)
    }

    @Test func aSchemaThreeLibraryKeepsItsWordsAndVectorsAndGainsPictureFields() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("three.sqlite")
        var setup = ""
        for name in ["0001_initial", "0002_embeddings", "0003_models"] {
            setup += try String(contentsOfFile: Fixtures.packageRoot + "/Schema/\(name).sql", encoding: .utf8) + "\n"
        }
        setup += """
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('0001_initial'), ('0002_embeddings'), ('0003_models');
            INSERT INTO items (id, path, path_text, status, kind, size, mtime_ns, inode, device, indexed_at)
            VALUES (1, X'2F6F6C642E6D64', '/old.md', 'indexed', 'text', 1, 1, 1, 1, '2026-01-01T00:00:00Z');
            INSERT INTO segments (id, item_id, ordinal, field, modality, text) VALUES (5, 1, 0, 'title', 'text', 'Harbour tides');
            INSERT INTO segments (id, item_id, ordinal, field, modality, text) VALUES (6, 1, 1, 'body', 'text', 'boats at dusk');
            INSERT INTO item_fts (rowid, title, body, keywords, subtitle, name, metadata) VALUES (1, 'Harbour tides', 'boats at dusk', '', '', '', '');
            INSERT INTO models (id, name, fingerprint, family, tower, space, dimension, added_at)
            VALUES (1, 'm', 'f', 'bert', 'text', 'm', 2, '2026-01-01T00:00:00Z');
            INSERT INTO vectors (id, model_id, content_hash, vector) VALUES (1, 1, X'01', X'0000803F00000000');
            INSERT INTO segment_vectors (segment_id, model_id, window, vector_id) VALUES (6, 1, 0, 1);
            """
        #expect(try ExternalTool.run("sqlite3", [path], input: Data(setup.utf8)).status == 0)
        let library = try Library.open(at: path)
        #expect(try library.schemaVersion() == "0004_pictures")
        #expect(try library.matchWords("tides", kind: nil, limit: 5).map(\.itemID) == [1])
        #expect(try library.matchWords("dusk", kind: nil, limit: 5).map(\.itemID) == [1])
        #expect(try library.vectorCount(modelID: 1) == 1, "segment ids survive the rebuild, and the vectors pointing at them")
        // Rewriting the item takes its old words out of the contentless index exactly.
        try library.write([
            LibraryFactory.record("/old.md", segments: [.init(field: .body, text: "lighthouse"), .init(field: .ocr, text: "EXIT 12")])
        ])
        #expect(try library.matchWords("tides", kind: nil, limit: 5).isEmpty)
        #expect(try library.matchWords("exit", kind: nil, limit: 5).count == 1)
        #expect(try ExternalTool.run("sqlite3", [path, "INSERT INTO item_fts (item_fts, rank) VALUES ('integrity-check', 0)"]).status == 0)
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
