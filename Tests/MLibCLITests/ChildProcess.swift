import Foundation
import Glibc
import MLibTestSupport
import Testing

/// A child process started with `posix_spawn`, its output appended to a file.
///
/// Not Foundation's `Process`: children must start with no signal blocked and
/// default signal actions. The test runner's threads block SIGTERM and SIGINT, and
/// a child inherits that mask, so a signal sent to it would stay pending forever.
final class ChildProcess {
    let pid: pid_t
    private var ended: Termination?

    struct Termination: Equatable, CustomStringConvertible {
        var status: Int32
        var bySignal: Bool

        static let success = Termination(status: 0, bySignal: false)

        static func exit(_ status: Int32) -> Termination { Termination(status: status, bySignal: false) }

        var description: String { bySignal ? "killed by signal \(status)" : "exit \(status)" }
    }

    struct SpawnFailure: Error, CustomStringConvertible {
        var executable: String
        var code: Int32
        var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// Starts `executable` (an absolute path) with `arguments`; standard output and
    /// error go to the end of `outputPath`, standard input reads nothing. The child
    /// starts with only the `blocked` signals blocked.
    convenience init(_ executable: String, _ arguments: [String], outputPath: String, blocked: [Int32] = []) throws {
        try self.init(executable, arguments.map { Array($0.utf8) }, outputPath: outputPath, blocked: blocked)
    }

    /// Starts `executable` with `arguments` given as bytes, which need not be UTF-8
    /// (a file name in Latin-1); otherwise as the `String` form.
    init(_ executable: String, _ arguments: [[UInt8]], outputPath: String, blocked: [Int32] = []) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in blocked { sigaddset(&mask, signal) }
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Pipes of other tests' tools must not stay open in a long-lived child (glibc
        // ignores closing a descriptor that is not open).
        let highest = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) }.max()
        for descriptor in 3...max(highest ?? 1024, 3) + 64 { posix_spawn_file_actions_addclose(&actions, descriptor) }

        let argv = ([Array(executable.utf8)] + arguments).map { bytes -> UnsafeMutablePointer<CChar>? in
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (index, byte) in bytes.enumerated() { copy[index] = CChar(bitPattern: byte) }
            copy[bytes.count] = 0
            return copy
        } + [nil]
        defer { for pointer in argv { pointer?.deallocate() } }
        // Plain log lines (time, level, text) even when the tests run under systemd.
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "JOURNAL_STREAM" }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { throw SpawnFailure(executable: executable, code: code) }
        self.pid = pid
    }

    deinit {
        // A test that failed half-way must not leave a process behind.
        if isRunning {
            kill(pid, SIGKILL)
            _ = waitForExit(timeout: 10)
        }
    }

    /// Whether the process still runs (it is reaped once it has ended).
    var isRunning: Bool {
        guard ended == nil else { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return result == 0 }
        // WIFSIGNALED / WTERMSIG / WEXITSTATUS are macros Swift cannot import.
        let signal = status & 0x7F
        ended = signal != 0 ? Termination(status: signal, bySignal: true) : .exit((status >> 8) & 0xFF)
        return false
    }

    /// Waits up to `timeout` seconds for the process to end; how it ended, or nil
    /// if it still runs (it is then killed so the test can go on).
    func waitForExit(timeout: Double = 30) -> Termination? {
        guard Eventually.poll(timeout: timeout, interval: 0.02, { !isRunning }) else {
            kill(pid, SIGKILL)
            _ = Eventually.poll(timeout: 10, interval: 0.02) { !isRunning }
            return nil
        }
        return ended
    }

    /// Sends `signal` and waits for the exit.
    func stop(_ signal: Int32 = SIGTERM, timeout: Double = 30) -> Termination? {
        if isRunning { kill(pid, signal) }
        return waitForExit(timeout: timeout)
    }
}
