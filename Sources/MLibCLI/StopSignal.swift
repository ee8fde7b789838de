#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Turns SIGINT and SIGTERM into a flag the watcher checks, so it can finish the
/// batch in hand and exit cleanly instead of dying mid-write.
enum StopSignal {
    private static let received = Atomic<Int32>(0)

    /// Installs the handlers and unblocks both signals (a parent may have started us
    /// with them blocked, and the mask is inherited). Call before starting threads.
    /// A second signal while stopping ends the process at once.
    static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                if StopSignal.received.exchange(number, ordering: .relaxed) != 0 {
                    _exit(128 + number)
                }
            }
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
    }

    /// The signal received, or nil while none was.
    static var signal: Int32? {
        let number = received.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }
}
