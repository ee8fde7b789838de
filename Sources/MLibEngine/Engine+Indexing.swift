public import MLibCore
public import MLibIngest
public import MLibMedia
import MLibInference
public import MLibStore
public import MLibWatch

/// The embedding passes for a run, and what kept other models out of it.
public struct EmbeddingPlan: Sendable {
    public var passes: [any ModelPass]
    /// Why a model the run would have used is not there (one line each). `isProblem`
    /// is true for a model that exists but cannot be used; false for a model that
    /// is simply absent (semantic search is then off, which is a notice, not a fault).
    public var notices: [(message: String, isProblem: Bool)]
}

/// What one model's embedding pass did.
public struct EmbeddingReport: Sendable {
    public var model: String
    /// What the pass embeds, for messages: `passage` or `picture`.
    public var unit: String
    public var progress: EmbeddingProgress
}

extension Engine {
    /// Brings the library in line with files and folders (see `Indexer`).
    public func index(
        roots: [RawPath], pictures: PictureOptions = PictureOptions(), progress: (IndexProgress) -> Void = { _ in }
    ) throws(LibraryError) -> IndexSummary {
        try Indexer(library: library, pictures: pictures).run(roots: roots, progress: progress)
    }

    /// The passes that give new text its vectors: with `modelName`, that model (which
    /// must exist and load); else the model serving the library's text role; else, for
    /// a library that has none yet, the default model, which then takes the role.
    ///
    /// A model named here that the library has not met is added beside the others;
    /// it never removes another model's vectors.
    public func embeddingPlan(modelName: String?) throws -> EmbeddingPlan {
        if let modelName {
            let towers = try finder.towers(named: modelName).get()
            if towers.contains(where: { $0.tower == .image }) {
                return EmbeddingPlan(passes: [try picturePass(towers: towers)], notices: [])
            }
            return EmbeddingPlan(passes: [try pass(for: towers[0])], notices: [])
        }
        var plan = try textPlan()
        let pictures = try picturePlan()
        plan.passes += pictures.passes
        plan.notices += pictures.notices
        return plan
    }

    /// The text model's pass: the library's, else the default model.
    private func textPlan() throws -> EmbeddingPlan {
        if let role = try library.model(for: .text) {
            switch finder.find(role) {
            case .success(let descriptor):
                return EmbeddingPlan(passes: [try pass(for: descriptor)], notices: [])
            case .failure(let error):
                return EmbeddingPlan(passes: [], notices: [(error.message + "; new text gets no vectors", true)])
            }
        }
        switch finder.describe(named: ModelLocator.defaultModel) {
        case .success(let descriptor):
            return EmbeddingPlan(passes: [try pass(for: descriptor)], notices: [])
        case .failure(let error):
            let absent = error.code == .modelNotFound
            return EmbeddingPlan(
                passes: [],
                notices: [(absent ? "semantic search is off: " + error.message : error.message + "; new text gets no vectors", !absent)])
        }
    }

    /// The picture model's pass: the library's, else the first CLIP folder found.
    /// Without one, pictures are found by their words, colours and text only.
    private func picturePlan() throws -> EmbeddingPlan {
        if let role = try library.model(for: .picture) {
            switch finder.find(role) {
            case .success(let descriptor):
                let towers = (try? finder.towers(named: descriptor.folder).get()) ?? [descriptor]
                return EmbeddingPlan(passes: [try picturePass(towers: towers)], notices: [])
            case .failure(let error):
                return EmbeddingPlan(passes: [], notices: [(error.message + "; new pictures get no picture vectors", true)])
            }
        }
        guard let towers = finder.pictureModel() else { return EmbeddingPlan(passes: [], notices: []) }
        return EmbeddingPlan(passes: [try picturePass(towers: towers)], notices: [])
    }

    /// A pass for a CLIP folder's image tower. Both towers are registered; the image
    /// tower takes the picture role and the text tower the picture-query role, where
    /// vacant.
    func picturePass(towers: [ModelDescriptor]) throws -> PictureEmbeddingPass {
        guard let image = towers.first(where: { $0.tower == .image }) else {
            throw EngineError(.unknownModel, "model \(towers.first?.name ?? "?") has no image tower")
        }
        let stored = try library.register(image)
        try library.assignIfVacant(.picture, to: stored.id)
        if let text = towers.first(where: { $0.tower == .text && $0.space == image.space }) {
            try library.assignIfVacant(.pictureQuery, to: try library.register(text).id)
        }
        return PictureEmbeddingPass(library: library, embedder: try pictureEmbedder(for: image), model: stored, source: MediaPictureSource())
    }

    /// A pass for a model folder: the model is registered, and takes the text role if
    /// no model has it yet.
    func pass(for descriptor: ModelDescriptor) throws -> EmbeddingPass {
        let stored = try library.register(descriptor)
        try library.assignIfVacant(.text, to: stored.id)
        return EmbeddingPass(library: library, embedder: try encoder(for: descriptor), model: stored)
    }

    /// Runs every pass of `plan`, checking stored vectors for damage first when
    /// `verify` is set.
    public func embed(
        _ plan: EmbeddingPlan, verify: Bool = true, isCancelled: () -> Bool = { false }, waiting: (String) -> Void = { _ in },
        progress: (String, EmbeddingProgress) -> Void = { _, _ in }
    ) throws -> [EmbeddingReport] {
        var reports: [EmbeddingReport] = []
        for pass in plan.passes {
            let name = pass.model.name
            do {
                let done = try pass.run(
                    verify: verify, isCancelled: isCancelled, waiting: { waiting(name) }, progress: { progress(name, $0) })
                reports.append(EmbeddingReport(model: name, unit: pass is PictureEmbeddingPass ? "picture" : "passage", progress: done))
            } catch {
                throw EngineError.wrapping(error, model: name, doing: "while embedding")
            }
        }
        return reports
    }
}
