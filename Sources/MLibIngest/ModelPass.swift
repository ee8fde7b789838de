public import MLibStore

/// One model's share of indexing: give every segment it embeds a vector, then bring
/// the model's vector store up to date. Text passes and picture passes both are.
public protocol ModelPass: Sendable {
    /// The model this pass embeds for.
    var model: StoredModel { get }

    /// Embeds everything still without a vector from the model; see `EmbeddingPass.run`.
    func run(
        verify: Bool, refreshStore: Bool, isCancelled: () -> Bool, waiting: () -> Void,
        progress: (EmbeddingProgress) -> Void
    ) throws -> EmbeddingProgress

    /// Brings the model's vector store up to date; returns damaged vectors left out.
    @discardableResult
    func refreshStore() throws -> Int
}

extension EmbeddingPass: ModelPass {}

extension ModelPass {
    /// `run` with the usual defaults: no damage check, store brought up to date.
    public func run(
        verify: Bool = false, refreshStore: Bool = true, isCancelled: () -> Bool = { false }, waiting: () -> Void = {}
    ) throws -> EmbeddingProgress {
        try run(verify: verify, refreshStore: refreshStore, isCancelled: isCancelled, waiting: waiting, progress: { _ in })
    }

    /// `run` reporting progress, with the store brought up to date.
    public func run(
        verify: Bool, isCancelled: () -> Bool, waiting: () -> Void, progress: (EmbeddingProgress) -> Void
    ) throws -> EmbeddingProgress {
        try run(verify: verify, refreshStore: true, isCancelled: isCancelled, waiting: waiting, progress: progress)
    }
}
