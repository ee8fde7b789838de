public import MLibCore

/// One file's outcome, ready to be written to the library.
public struct IndexRecord: Sendable {
    /// The result of reading the file.
    public enum Outcome: Sendable {
        case indexed(Extraction)
        /// `kind` is a guess from the name when the content could not be typed.
        case failed(code: String, reason: String, kind: ItemKind?)
    }

    public var path: RawPath
    public var state: FileState
    public var contentHash: String?
    public var outcome: Outcome
    /// The id of an item this file continues (a move): the row keeps its id and takes
    /// the new path. Nil for a new or changed file at its known path.
    public var continuesItemID: Int64?

    public init(
        path: RawPath, state: FileState, contentHash: String?, outcome: Outcome,
        continuesItemID: Int64? = nil
    ) {
        self.path = path
        self.state = state
        self.contentHash = contentHash
        self.outcome = outcome
        self.continuesItemID = continuesItemID
    }
}
