import Foundation
import Glibc
import MLibTestSupport
import Testing

/// A temporary folder with a library and the folders a watch test follows, and the
/// checks every test makes on them.
struct WatchWorkspace {
    let folder: TemporaryDirectory
    let library: String
    let mlib: MLibBinary

    init(prefix: String = "mlib-watch") throws {
        folder = try TemporaryDirectory(prefix: prefix)
        library = folder.path("library.sqlite")
        mlib = MLibBinary(library: library)
    }

    /// A folder inside the workspace, created.
    func makeFolder(_ relative: String) throws -> String {
        let path = folder.path(relative)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts a watcher of `paths`; fails the test if it does not get to watching.
    func startWatcher(
        _ paths: [String], options: [String] = ["--no-embed"], global: [String] = [], log name: String = "watch.log",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> WatchProcess {
        let watcher = try WatchProcess(
            library: library, global: global, arguments: options + paths, logPath: folder.path(name))
        #expect(watcher.waitUntilWatching(), "watcher did not start:\n\(watcher.log)", sourceLocation: sourceLocation)
        return watcher
    }

    /// Stops a watcher with `signal` and expects exit status 0.
    func stop(_ watcher: WatchProcess, _ signal: Int32 = SIGTERM, sourceLocation: SourceLocation = #_sourceLocation) {
        let end = watcher.stop(signal)
        #expect(end == .success, "watcher ended with \(end.map(\.description) ?? "a timeout"):\n\(watcher.log.suffix(3000))",
            sourceLocation: sourceLocation)
    }

    // MARK: - The library, read with sqlite3 in read-only mode

    /// Rows of `sql`, one string a row, columns separated by a tab.
    func query(_ sql: String) throws -> [String] {
        let output = try ExternalTool.run(
            "sqlite3", ["-readonly", "-separator", "\t", "-cmd", ".timeout 10000", library, sql])
        guard output.status == 0 else { throw SQLiteFailure(sql: sql, message: output.stderrString) }
        return output.stdoutString.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    struct SQLiteFailure: Error, CustomStringConvertible {
        var sql: String
        var message: String
        var description: String { "sqlite3 failed on \(sql): \(message)" }
    }

    /// The library's items: path (decoded from the raw bytes) → "size mtime_ns".
    func indexedFiles() throws -> [String: String] {
        var files: [String: String] = [:]
        for row in try query("SELECT hex(path), size, mtime_ns FROM items") {
            let columns = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 3 else { continue }
            files[Self.decodeHex(columns[0])] = "\(columns[1]) \(columns[2])"
        }
        return files
    }

    /// The id of the item at `path`, if there is one.
    func itemID(_ path: String) throws -> Int? {
        try query("SELECT id FROM items WHERE path = X'\(Self.hex(path))'").first.flatMap { Int($0) }
    }

    /// All the text stored for the item at `path`.
    func text(of path: String) throws -> String {
        try query(
            "SELECT group_concat(text, ' ') FROM segments WHERE item_id = (SELECT id FROM items WHERE path = X'\(Self.hex(path))')"
        ).joined(separator: "\n")
    }

    /// Everything wrong with the library file: an integrity check that is not "ok",
    /// rows pointing at items, segments or paths that are not there.
    func consistencyProblems() throws -> [String] {
        var problems: [String] = []
        let integrity = try query("PRAGMA integrity_check")
        if integrity != ["ok"] { problems.append("integrity_check: \(integrity.prefix(5))") }
        let checks: [(String, String)] = [
            ("segments without an item", "SELECT count(*) FROM segments WHERE item_id NOT IN (SELECT id FROM items)"),
            ("failures without an item", "SELECT count(*) FROM failures WHERE item_id NOT IN (SELECT id FROM items)"),
            ("vectors without a segment", "SELECT count(*) FROM segment_vectors WHERE segment_id NOT IN (SELECT id FROM segments)"),
            ("segment vectors without their vector", "SELECT count(*) FROM segment_vectors WHERE vector_id NOT IN (SELECT id FROM vectors)"),
            ("word-index rows without an item", "SELECT count(*) FROM item_fts WHERE rowid NOT IN (SELECT id FROM items)"),
            ("CJK-index rows without an item", "SELECT count(*) FROM item_cjk WHERE rowid NOT IN (SELECT id FROM items)"),
            ("indexed items without segments",
                "SELECT count(*) FROM items WHERE status = 'indexed' AND id NOT IN (SELECT item_id FROM segments)"),
            ("indexed items missing from the word index",
                "SELECT count(*) FROM items WHERE status = 'indexed' AND id NOT IN (SELECT rowid FROM item_fts)"),
            ("failed items without a reason",
                "SELECT count(*) FROM items WHERE status = 'failed' AND id NOT IN (SELECT item_id FROM failures)"),
            ("path_text that does not spell path",
                "SELECT count(*) FROM items WHERE CAST(path AS TEXT) <> path_text"),
        ]
        for (name, sql) in checks {
            let count = try query(sql).first ?? "?"
            if count != "0" { problems.append("\(count) \(name)") }
        }
        return problems
    }

    // MARK: - The disk

    /// Regular files the watcher should index under `roots`, with "size mtime_ns":
    /// hidden and temporary names and sidecars left out, and whatever `excluded` says.
    static func diskFiles(under roots: [String], excluded: (String) -> Bool = { _ in false }) -> [String: String] {
        var files: [String: String] = [:]
        func visit(_ folder: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names where !isSkippedName(name) {
                let path = folder + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0, !excluded(path) else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    visit(path)
                case S_IFREG:
                    if !sidecarExtensions.contains((name as NSString).pathExtension.lowercased()) {
                        files[path] = "\(info.st_size) \(Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))"
                    }
                default:
                    continue
                }
            }
        }
        for root in roots { visit(root) }
        return files
    }

    static let sidecarExtensions: Set<String> = ["xmp", "srt", "vtt"]
    static let temporarySuffixes = [".part", ".crdownload", ".tmp", ".swp", ".swx", "~", ".partial", ".download"]

    static func isSkippedName(_ name: String) -> Bool {
        if name.hasPrefix(".") { return true }
        if name.count >= 2, name.hasPrefix("#"), name.hasSuffix("#") { return true }
        let lower = name.lowercased()
        return temporarySuffixes.contains { lower.count > $0.count && lower.hasSuffix($0) }
    }

    /// Waits (up to `timeout` s) until the library holds exactly the files on disk
    /// under `roots`, each with its current size and modification time; records an
    /// issue with the difference if it never does. Returns whether it matched.
    @discardableResult
    func expectIndexMatchesDisk(
        _ roots: [String], excluded: @escaping (String) -> Bool = { _ in false }, timeout: Double = 60,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Bool {
        var disk: [String: String] = [:]
        var index: [String: String] = [:]
        let matched = try Eventually.poll(timeout: timeout) {
            disk = Self.diskFiles(under: roots, excluded: excluded)
            index = try indexedFiles()
            return disk == index
        }
        if !matched {
            let missing = disk.keys.filter { index[$0] == nil }.sorted()
            let extra = index.keys.filter { disk[$0] == nil }.sorted()
            let stale = disk.keys.filter { index[$0] != nil && index[$0] != disk[$0] }.sorted()
            Issue.record(
                """
                index differs from disk after \(timeout) s (\(disk.count) files, \(index.count) items):
                  not indexed (\(missing.count)): \(missing.prefix(10))
                  indexed but not on disk (\(extra.count)): \(extra.prefix(10))
                  stale size or time (\(stale.count)): \(stale.prefix(10).map { "\($0): disk \(disk[$0]!), index \(index[$0]!)" })
                """, sourceLocation: sourceLocation)
        }
        return matched
    }

    /// Expects no inconsistency in the library file.
    func expectConsistent(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problems = try consistencyProblems()
        #expect(problems.isEmpty, "library inconsistent: \(problems)", sourceLocation: sourceLocation)
    }

    /// The `watcher` object of `mlib status --format json` (NSNull when none runs).
    func statusWatcher() throws -> Any? {
        let output = try mlib.run(["status", "--format", "json"])
        guard output.status == 0,
            let object = try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any]
        else { return nil }
        return object["watcher"]
    }

    /// The status file a watcher writes beside the library, parsed, if there is one.
    func statusFile() -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: library + ".watch.json") else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// How many text segments the model should embed but has not (yet).
    func segmentsWithoutVectors() throws -> Int {
        let count = try query(
            """
            SELECT count(*) FROM segments s WHERE s.modality = 'text' AND s.field IN ('title', 'body', 'keywords', 'subtitle')
              AND s.text <> '' AND NOT EXISTS (SELECT 1 FROM segment_vectors e WHERE e.segment_id = s.id)
            """)
        return Int(count.first ?? "") ?? -1
    }

    /// Every model's vector store beside the library agrees with SQLite: a store
    /// whose header claims the model's current generation holds exactly the model's
    /// rows of indexed items; with `requireCurrent`, a store must exist and be current
    /// (a search has just brought it up to date).
    func expectVectorStoresAgree(requireCurrent: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for line in try query("SELECT id, generation FROM models") {
            let fields = line.split(separator: "\t").compactMap { Int64($0) }
            guard fields.count == 2 else { continue }
            let (model, generation) = (fields[0], fields[1])
            let rows = try query(
                """
                SELECT sv.id FROM segment_vectors sv JOIN segments s ON s.id = sv.segment_id JOIN items i ON i.id = s.item_id
                WHERE sv.model_id = \(model) AND i.status = 'indexed' ORDER BY sv.id
                """
            ).compactMap { Int64($0) }
            let path = library + "-cache/vectors/model-\(model).vst"
            guard let data = FileManager.default.contents(atPath: path), data.count >= 128 else {
                #expect(!requireCurrent || rows.isEmpty, "no vector store for model \(model)", sourceLocation: sourceLocation)
                continue
            }
            let (count, storedGeneration) = data.withUnsafeBytes {
                (Int($0.loadUnaligned(fromByteOffset: 24, as: UInt64.self)), $0.loadUnaligned(fromByteOffset: 40, as: Int64.self))
            }
            if requireCurrent {
                #expect(storedGeneration == generation, "store of model \(model) is stale", sourceLocation: sourceLocation)
            }
            guard storedGeneration == generation, data.count >= 128 + count * 8 else { continue }
            let stored = data.withUnsafeBytes { bytes in
                (0..<count).map { bytes.loadUnaligned(fromByteOffset: 128 + $0 * 8, as: Int64.self) }
            }
            #expect(stored == rows, "store of model \(model) disagrees with the library", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Files

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func move(_ from: String, _ to: String) throws {
        guard rename(from, to) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: path)
    }

    // MARK: - Raw paths

    static func hex(_ text: String) -> String {
        text.utf8.map { String(format: "%02X", $0) }.joined()
    }

    static func decodeHex(_ hex: Substring) -> String {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
