import Foundation
import Glibc
import MLibTestSupport
import Testing

/// A running `mlib watch` started from the built binary, its log kept in a file so
/// a test can read it while the watcher runs.
final class WatchProcess {
    let child: ChildProcess
    let logPath: String

    /// Starts `mlib --library LIBRARY [global…] watch arguments…`, with the `blocked`
    /// signals blocked as a parent may leave them; `launcher` (an absolute program and
    /// its arguments) runs mlib in its place, and must `exec` it.
    init(
        library: String, global: [String] = [], arguments: [String], logPath: String, blocked: [Int32] = [],
        launcher: [String] = []
    ) throws {
        self.logPath = logPath
        let command = [MLibBinary.executablePath, "--library", library] + global + ["watch"] + arguments
        let full = launcher + command
        child = try ChildProcess(full[0], Array(full.dropFirst()), outputPath: logPath, blocked: blocked)
    }

    var pid: Int32 { child.pid }

    /// Everything the watcher logged so far.
    var log: String {
        String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
    }

    /// Waits until the log contains `text` (or the watcher exits); false on timeout.
    @discardableResult
    func waitForLog(_ text: String, timeout: Double = 30) -> Bool {
        Eventually.poll(timeout: timeout) { log.contains(text) || !child.isRunning } && log.contains(text)
    }

    /// Waits until the watches are in place: events from now on are seen.
    /// Waits until the watcher follows its folders and has compared them with the
    /// library (its "scanned" line), so a file written next is seen as an event.
    func waitUntilWatching(timeout: Double = 30) -> Bool {
        let watching = Eventually.poll(timeout: timeout) {
            log.contains(" watching ") || log.contains(" polling ") || !child.isRunning
        } && child.isRunning
        _ = Eventually.poll(timeout: 5) { log.contains(" scanned ") || !child.isRunning }
        return watching && child.isRunning
    }

    func waitForExit(timeout: Double = 30) -> ChildProcess.Termination? { child.waitForExit(timeout: timeout) }

    func stop(_ signal: Int32 = SIGTERM, timeout: Double = 30) -> ChildProcess.Termination? {
        child.stop(signal, timeout: timeout)
    }
}
