import Foundation
import Glibc
import MLibCore
import MLibStore
import MLibTestSupport
import Synchronization
import Testing

@Suite struct LibraryOpeningTests {
    static let latest = "0004_pictures"
    static let mlibApplicationID = "1835821410"  // 0x6D6C6962, "mlib"

    private func sqlite(_ path: String, _ sql: String) throws -> String {
        let output = try ExternalTool.run("sqlite3", [path, sql])
        #expect(output.status == 0, "\(output.stderrString)")
        return output.stdoutString.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func bytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    private func code(of body: () throws -> Void) -> LibraryError.Code? {
        do {
            try body()
            return nil
        } catch {
            return (error as? LibraryError)?.code
        }
    }

    /// A library holding one item, closed again.
    private func makeLibrary(in folder: TemporaryDirectory) throws -> String {
        let path = folder.path("library.sqlite")
        let library = try Library.open(at: path, mode: .create)
        try library.write([LibraryFactory.record("/notes/harbour.md", segments: [.init(field: .body, text: "harbour")])])
        return path
    }

    /// A library at the first schema, as mlib 0.1 left it.
    private func makeFirstSchemaLibrary(at path: String) throws {
        let first = try String(contentsOfFile: Fixtures.packageRoot + "/Schema/0001_initial.sql", encoding: .utf8)
        let setup = first + """
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('0001_initial');
            PRAGMA journal_mode = WAL;
            """
        #expect(try ExternalTool.run("sqlite3", [path], input: Data(setup.utf8)).status == 0)
    }

    @Test func oneArgumentOpenCreatesAndMarksTheLibrary() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("deep/er/library.sqlite")
        let library = try Library.open(at: path)
        #expect(library.mode == .create)
        #expect(try library.schemaVersion() == Self.latest)
        #expect(try sqlite(path, "PRAGMA application_id") == Self.mlibApplicationID)
    }

    @Test(arguments: [Library.OpenMode.readOnly, .readWrite])
    func aMissingLibraryIsNotFoundAndNothingIsCreated(mode: Library.OpenMode) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("missing/library.sqlite")
        #expect {
            _ = try Library.open(at: path, mode: mode)
        } throws: { error in
            guard let error = error as? LibraryError else { return false }
            return error.code == .notFound && error.description.contains("mlib index")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func anEmptyFileIsRefusedByReadersAndInitialisedByCreate() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(code { _ = try Library.open(at: path, mode: .readOnly) } == .notALibrary)
        #expect(code { _ = try Library.open(at: path, mode: .readWrite) } == .notALibrary)
        #expect(try bytes(path).isEmpty)
        #expect(try Library.open(at: path, mode: .create).schemaVersion() == Self.latest)
    }

    @Test func readingACurrentLibraryWritesNothing() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try makeLibrary(in: folder)
        let before = try bytes(path)
        do {
            let library = try Library.open(at: path, mode: .readOnly)
            #expect(library.mode == .readOnly)
            #expect(try library.status().total == 1)
            #expect(try library.matchWords("\"harbour\"", kind: nil, limit: 5).count == 1)
            #expect(code { try library.removeItems(ids: [1]) } != nil)
        }
        #expect(try bytes(path) == before)
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(walSize == 0)
    }

    @Test func readingWorksWhileAnotherProcessHoldsTheWriteLock() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try makeLibrary(in: folder)
        let lock = try SQLiteWriteLock(path: path)
        defer { lock.release() }
        let started = Date()
        let library = try Library.open(at: path, mode: .readOnly)
        #expect(try library.status().total == 1)
        #expect(try library.item(path: RawPath("/notes/harbour.md")) != nil)
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func readingAFileTheUserCannotWrite() throws {
        let folder = try TemporaryDirectory()
        defer {
            chmod(folder.path, 0o755)
            folder.remove()
        }
        let path = try makeLibrary(in: folder)
        let before = try bytes(path)
        #expect(chmod(path, 0o444) == 0)
        #expect(chmod(folder.path, 0o555) == 0)
        // As root the permissions stop nothing; what is checked then is that reading
        // leaves the file as it was.
        let library = try Library.open(at: path, mode: .readOnly)
        #expect(try library.status().total == 1)
        #expect(try library.segments(itemID: 1).map(\.text) == ["harbour"])
        #expect(try bytes(path) == before)
        if geteuid() != 0 {
            #expect(code { _ = try Library.open(at: path, mode: .readWrite).removeItems(ids: [1]) } != nil)
        }
    }

    @Test func anOlderLibraryIsUpgradedByAReaderWhenItCanWrite() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("old.sqlite")
        try makeFirstSchemaLibrary(at: path)
        let library = try Library.open(at: path, mode: .readOnly)
        #expect(try library.schemaVersion() == Self.latest)
        #expect(library.mode == .readOnly)
        #expect(try sqlite(path, "PRAGMA application_id") == Self.mlibApplicationID)
    }

    @Test func anOlderLibraryLockedByAWriterFailsFastWithAClearError() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("old.sqlite")
        try makeFirstSchemaLibrary(at: path)
        let lock = try SQLiteWriteLock(path: path)
        defer { lock.release() }
        let started = Date()
        #expect {
            _ = try Library.open(at: path, mode: .readOnly)
        } throws: { error in
            guard let error = error as? LibraryError else { return false }
            return error.code == .outdatedSchema && error.message.contains("mlib index")
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftUntouched() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("other.db")
        _ = try sqlite(path, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO items VALUES (1, 'theirs');")
        let marked = folder.path("marked.db")
        _ = try sqlite(marked, "PRAGMA application_id = 42; CREATE TABLE t (x);")
        for file in [path, marked] {
            let before = try bytes(file)
            for mode in [Library.OpenMode.create, .readWrite, .readOnly] {
                #expect {
                    _ = try Library.open(at: file, mode: mode)
                } throws: { error in
                    guard let error = error as? LibraryError else { return false }
                    return error.code == .notALibrary && error.message.contains("not an mlib library")
                }
            }
            #expect(try bytes(file) == before)
            #expect(!FileManager.default.fileExists(atPath: file + "-wal"))
            #expect(try sqlite(file, "SELECT count(*) FROM sqlite_master WHERE name = 'grdb_migrations'") == "0")
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedInEveryModeAndLeftUntouched() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("notes.txt")
        let content = Data(repeating: 0x41, count: 4096)
        try content.write(to: URL(fileURLWithPath: path))
        for mode in [Library.OpenMode.create, .readWrite, .readOnly] {
            #expect(code { _ = try Library.open(at: path, mode: mode) } == .corrupt)
        }
        #expect(try bytes(path) == content)
    }

    @Test func aLibraryMadeBeforeApplicationIdsIsAcceptedAndMarkedOnTheNextWrite() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try makeLibrary(in: folder)
        _ = try sqlite(path, "PRAGMA application_id = 0")
        #expect(try Library.open(at: path, mode: .readOnly).status().total == 1)
        #expect(try sqlite(path, "PRAGMA application_id") == "0")
        #expect(try Library.open(at: path, mode: .readWrite).status().total == 1)
        #expect(try sqlite(path, "PRAGMA application_id") == Self.mlibApplicationID)
    }

    @Test func twoOpensCreatingTheSameLibraryAtOnceBothSucceed() throws {
        for round in 0..<4 {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let path = folder.path("race-\(round).sqlite")
            let results = Mutex<[Result<String, LibraryError>]>([])
            // Two threads on two cores: both opens start together.
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                let result = Result { () throws(LibraryError) in try Library.open(at: path, mode: .create).schemaVersion() }
                results.withLock { $0.append(result) }
            }
            let versions = try results.withLock { results in try results.map { try $0.get() } }
            #expect(versions == [Self.latest, Self.latest])
            #expect(try sqlite(path, "SELECT count(*) FROM grdb_migrations") == "4")
        }
    }
}
