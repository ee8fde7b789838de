import Foundation
import MLibCore
import MLibStore
import MLibTestSupport
import Testing

/// Values of the wrong type in the library file (a hand edit, another program,
/// damage) make readers throw `LibraryError` or fall back, and never trap.
@Suite struct LibraryDamageTests {
    static let damages = [
        "UPDATE items SET size = 'abc'",
        "UPDATE items SET mtime_ns = 1.5",
        "UPDATE items SET inode = x'01'",
        "UPDATE items SET device = 'dev'",
        "UPDATE items SET title = x'00ff'",
        "UPDATE items SET kind = 42",
        "UPDATE items SET path = 123 WHERE status = 'indexed'",
        "UPDATE items SET status = 7",
        "UPDATE items SET duration = 'long'",
        "UPDATE items SET metadata = x'00ff'",
        "UPDATE items SET mime = 3.5, content_hash = x'ff', indexed_at = 9",
        "UPDATE segments SET start = 'x'",
        "UPDATE segments SET \"end\" = x'00'",
        "UPDATE segments SET text = x'00ff'",
        "UPDATE segments SET field = 1, modality = x'00'",
        "UPDATE segments SET ordinal = 'first' WHERE id = (SELECT min(id) FROM segments)",
        "UPDATE failures SET code = 3, reason = x'ff'",
    ]

    /// Runs `body`, which may fail only with a `LibraryError`.
    private func survives(_ name: String, _ body: () throws -> Void) {
        do {
            try body()
        } catch {
            #expect(error is LibraryError, "\(name) threw \(error)")
        }
    }

    @Test(arguments: damages)
    func readersThrowOrFallBackOnADamagedValue(damage: String) throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        let ids = try library.write([
            LibraryFactory.record(
                "/media/harbour.mp4", kind: .video, title: "Harbour", duration: 12,
                segments: [
                    .init(field: .title, text: "Harbour"),
                    .init(field: .subtitle, text: "boats in the harbour", start: 1, end: 2),
                ], metadata: ["camera": .string("x")]),
            IndexRecord(
                path: RawPath("/media/broken.mp4"), state: FileState(size: 1, modificationTimeNanoseconds: 1, inode: 2, device: 1),
                contentHash: nil, outcome: .failed(code: "corrupt", reason: "/media/broken.mp4: corrupt", kind: .video)),
        ])
        let damaged = try ExternalTool.run("sqlite3", [library.path, "PRAGMA ignore_check_constraints = ON; " + damage])
        #expect(damaged.status == 0, "\(damaged.stderrString)")

        for id in ids {
            survives("item(id:)") { _ = try library.item(id: id) }
            survives("segments(itemID:)") { _ = try library.segments(itemID: id) }
        }
        survives("item(path:)") { _ = try library.item(path: RawPath("/media/harbour.mp4")) }
        survives("status") { _ = try library.status() }
        survives("failures") { _ = try library.failures() }
        survives("storedFiles") { _ = try library.storedFiles(under: RawPath("/media")) }
        survives("reading") {
            try library.reading { reader in
                _ = try reader.summaries(ids: ids, metadata: true)
                _ = try reader.evidenceText(itemIDs: ids)
                _ = try reader.timedSegments(itemIDs: ids)
                _ = try reader.segments(ids: Array(1...4))
                _ = try reader.matchWords("\"harbour\"", kind: .video, limit: 5)
            }
        }
        survives("reopen read-only") { _ = try Library.open(at: library.path, mode: .readOnly).item(id: ids[0]) }
    }

    @Test func aDamagedNumberNamesTheTableColumnAndRow() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        let id = try library.write([LibraryFactory.record("/a.md", segments: [.init(field: .body, text: "a")])])[0]
        #expect(try ExternalTool.run("sqlite3", [library.path, "UPDATE items SET size = 'abc'"]).status == 0)
        #expect {
            _ = try library.item(id: id)
        } throws: { error in
            guard let error = error as? LibraryError else { return false }
            return error.code == .corrupt && error.message.contains("row \(id) of table items")
                && error.message.contains("column size") && error.description.contains(library.path)
        }
    }

    @Test func aTitleThatIsNotUTF8IsShownRepaired() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        let id = try library.write([LibraryFactory.record("/a.md", title: "A", segments: [.init(field: .title, text: "A")])])[0]
        #expect(try ExternalTool.run("sqlite3", [library.path, "UPDATE items SET title = x'41ff'"]).status == 0)
        let title = try #require(try library.item(id: id)?.title)
        #expect(title.hasPrefix("A") && title.count == 2)
    }
}
