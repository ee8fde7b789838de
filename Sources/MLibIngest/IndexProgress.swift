public import MLibCore

/// Where an index run stands; reported after each batch and at the end.
public struct IndexProgress: Sendable, Hashable {
    /// Files found by the walk.
    public var found = 0
    /// Files that needed reading (new, changed or moved).
    public var toProcess = 0
    /// Of those, how many are done.
    public var processed = 0
    public var added = 0
    public var updated = 0
    public var moved = 0
    public var unchanged = 0
    public var removed = 0
    /// Files that failed in this run.
    public var failed = 0
    /// Files that failed earlier and are unchanged, so still not indexed.
    public var stillFailing = 0
    /// Files skipped as neither note, image nor video.
    public var skipped = 0
    /// Indexed in this run, by kind.
    public var byKind: [ItemKind: Int] = [:]
    /// Seconds since the run started.
    public var elapsed: Double = 0

    public init() {}
}
