import Foundation
import Synchronization

/// What the watcher's threads are doing, shared for the status file.
final class ActivityBoard: Sendable {
    enum Worker {
        case ingest
        case embedding
    }

    private struct State {
        var status: WatchStatus
        var ingestPhase: WatchStatus.Phase?
        var embedding = false
        var stopping = false
    }

    private let state: Mutex<State>

    init(_ status: WatchStatus) {
        state = Mutex(State(status: status))
    }

    func update(_ body: (inout WatchStatus) -> Void) {
        state.withLock { body(&$0.status) }
    }

    func setIngest(_ phase: WatchStatus.Phase?) { state.withLock { $0.ingestPhase = phase } }
    func setEmbedding(_ busy: Bool) { state.withLock { $0.embedding = busy } }
    func setStopping() { state.withLock { $0.stopping = true } }

    /// The status with the phase worked out from who is busy.
    var snapshot: WatchStatus {
        state.withLock { state in
            var status = state.status
            status.phase =
                state.stopping ? .stopping : state.ingestPhase ?? (state.embedding ? .embedding : .idle)
            return status
        }
    }
}
