public import MLibIngest


/// What an index run did.
public struct IndexSummary: Sendable {
    public var progress = IndexProgress()
    /// Files that failed in this run, with reasons.
    public var failures: [IndexFailure] = []
    /// Paths given to the run that could not be examined at all.
    public var rootErrors: [WalkError] = []

    public init() {}

    /// Whether any file in the scanned folders is not indexed (failed now or before).
    public var hasFailures: Bool {
        progress.failed > 0 || progress.stillFailing > 0 || !rootErrors.isEmpty
    }
}
