import MLibCore
import MLibInference
import MLibStore

/// The models a rerank judges with, found once per request: the library's, else the
/// ones a new library would start with (the default sentence model, the first CLIP
/// folder). Each is loaded only when a vector is not already cached.
struct RerankModels {
    /// A model folder's tower and, when the library has met it, its row (whose id keys
    /// the library's vector cache).
    struct Model {
        var descriptor: ModelDescriptor
        var stored: StoredModel?

        /// The key of its vectors in a `RerankCache`.
        var cacheKey: String { descriptor.fingerprint + "\u{0}" + descriptor.tower.rawValue }
    }

    /// The sentence model, for `meaning`.
    var text: Model?
    /// A CLIP image tower, for pictures and frames.
    var picture: Model?
    /// A text tower in the picture model's space, for words against pictures.
    var pictureQuery: Model?
    /// Why the sentence model is missing, when it is.
    var textProblem: String?
    /// Why the picture model is missing, when it is.
    var pictureProblem: String?

    static func find(library: Library?, finder: ModelFinder) -> RerankModels {
        var models = RerankModels()
        let known = (try? library?.models()) ?? []
        func model(_ descriptor: ModelDescriptor) -> Model {
            Model(descriptor: descriptor, stored: known.first { $0.fingerprint == descriptor.fingerprint })
        }

        if let role = try? library?.model(for: .text) {
            switch finder.find(role) {
            case .success(let descriptor): models.text = Model(descriptor: descriptor, stored: role)
            case .failure(let error): models.textProblem = error.message
            }
        } else {
            switch finder.describe(named: ModelLocator.defaultModel) {
            case .success(let descriptor): models.text = model(descriptor)
            case .failure(let error): models.textProblem = error.message
            }
        }

        var towers: [ModelDescriptor] = []
        if let role = try? library?.model(for: .picture) {
            switch finder.find(role) {
            case .success(let descriptor):
                models.picture = Model(descriptor: descriptor, stored: role)
                towers = (try? ModelFinder.towers(folder: descriptor.folder).get()) ?? []
            case .failure(let error):
                models.pictureProblem = error.message
            }
        } else if let found = finder.pictureModel(), let image = found.first(where: { $0.tower == .image }) {
            models.picture = model(image)
            towers = found
        } else {
            models.pictureProblem = "no picture model (a CLIP folder) in the model folders"
        }
        guard let picture = models.picture else { return models }
        if let asker = try? library?.model(for: .pictureQuery), asker.dimension == picture.descriptor.dimension,
            case .success(let descriptor) = finder.find(asker)
        {
            models.pictureQuery = Model(descriptor: descriptor, stored: asker)
        } else if let tower = towers.first(where: { $0.tower == .text && $0.space == picture.descriptor.space }) {
            models.pictureQuery = model(tower)
        }
        return models
    }
}

/// How a rerank gets a model running: through an engine's models, loaded once per
/// engine, or through a cache's, for reranks without a library.
struct RerankLoader: Sendable {
    let text: @Sendable (ModelDescriptor) throws -> any TextEmbedder
    let picture: @Sendable (ModelDescriptor) throws -> any PictureEmbedder

    /// Models kept in `cache`, so a batch loads each once.
    static func standalone(cache: RerankCache) -> RerankLoader {
        RerankLoader(
            text: { descriptor in
                try cache.textEmbedders.value(for: descriptor.fingerprint) {
                    try load(descriptor) { () throws -> any TextEmbedder in
                        if descriptor.family == CLIPConfiguration.modelType { return try CLIPModel(folder: descriptor.folder).textEmbedder }
                        return try SentenceEncoder(folder: descriptor.folder)
                    }
                }
            },
            picture: { descriptor in
                try cache.pictureEmbedders.value(for: descriptor.fingerprint) {
                    try load(descriptor) { () throws -> any PictureEmbedder in
                        let preprocessor = try CLIPImagePreprocessor(folder: descriptor.folder)
                        return try CLIPModel(folder: descriptor.folder).pictureEmbedder(preprocessing: { preprocessor.pixelValues($0) })
                    }
                }
            })
    }

    private static func load<Value>(_ descriptor: ModelDescriptor, _ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as InferenceError {
            throw EngineError(.modelDamaged, "model \(descriptor.name) cannot be used: \(error.description)")
        }
    }
}
