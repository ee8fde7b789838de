import MLibInference

extension Engine {
    /// Judges each of the request's documents against its query: the probability that
    /// it is what the query asks for (`RerankModel.documents`), with the evidence.
    ///
    /// Documents are read as the indexer reads files (OCR where text is likely, a
    /// video's frames at the request's rate) and need not be in the library. Words are
    /// matched as search matches them; meaning comes from the library's sentence model
    /// (else the default one), pictures from its picture model (else the first CLIP
    /// folder found). Vectors are looked for in `cache`, then in the library, before a
    /// model makes them, and are remembered in both.
    ///
    /// An empty query or no documents answers no scores. A document that cannot be read
    /// gets score 0 and a problem; a missing or broken model is left out with a warning.
    /// Throws `EngineError` only when the query's own file cannot be read.
    ///
    /// ```swift
    /// let answer = try engine.rerank(RerankRequest(
    ///     query: .init(text: "ferry leaving the harbour"),
    ///     documents: [.init(text: "The ferry left at dawn."), .init(video: RawPath("/clips/quay.mp4"))]))
    /// answer.scores  // [0.87, 0.12]
    /// ```
    public func rerank(_ request: RerankRequest, cache: RerankCache = RerankCache()) throws -> RerankResponse {
        guard !RerankRun.isEmpty(request) else { return RerankResponse(instruction: request.instruction) }
        let loader = RerankLoader(text: { [self] in try textEmbedder(for: $0) }, picture: { [self] in try pictureEmbedder(for: $0) })
        var run = RerankRun(library: library, models: RerankModels.find(library: library, finder: finder), loader: loader, cache: cache)
        return try run.answer(request)
    }

    /// `rerank(_:cache:)` without a library: the default sentence model and the first
    /// CLIP folder in the model folders, with `cache` as the only vector cache. Models
    /// load once per cache.
    public static func rerank(_ request: RerankRequest, modelsFolder: String?, cache: RerankCache) throws -> RerankResponse {
        guard !RerankRun.isEmpty(request) else { return RerankResponse(instruction: request.instruction) }
        let finder = ModelFinder(locator: ModelLocator(modelsOption: modelsFolder))
        var run = RerankRun(library: nil, models: RerankModels.find(library: nil, finder: finder), loader: .standalone(cache: cache), cache: cache)
        return try run.answer(request)
    }
}
