import Foundation
import MLibTestSupport

/// Another process holding a library's write lock: `sqlite3` inside `BEGIN
/// IMMEDIATE`, never committing, until `release()`.
final class SQLiteWriteLock {
    private let process = Process()
    private let input = Pipe()

    /// Starts `sqlite3` on `path` and returns once it holds the write lock.
    init(path: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nCREATE TABLE held_by_test (x);\n".utf8))
        // sqlite3 buffers what it prints into a pipe, so ask the file instead: a write
        // that does not wait fails while the lock is held.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let probe = try ExternalTool.run("sqlite3", ["-cmd", ".timeout 0", path, "BEGIN IMMEDIATE; ROLLBACK;"])
            if probe.status != 0 { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        release()
        throw CocoaError(.fileLocking)
    }

    /// Ends `sqlite3`, which rolls its transaction back.
    func release() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
