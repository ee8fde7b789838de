import MLibCore
import MLibInference
public import MLibStore

/// The facade every front end shares: one library, the models it was indexed with,
/// indexing, embedding, search and descriptions of items and status.
///
/// Long-lived and safe to share across threads and tasks: vector stores and models
/// load once, on first use, however many searches ask at once; each search checks
/// the model's generation counter, so vectors another process added or removed are
/// seen without a restart; searches run side by side.
///
/// ```swift
/// let engine = Engine(library: try Library.open(at: path), modelsFolder: nil)
/// let outcome = try engine.search("seaside holiday", options: SearchOptions())
/// outcome.warnings.forEach { print("warning:", $0) }
/// ```
public final class Engine: Sendable {
    public let library: Library
    let finder: ModelFinder
    /// Vector stores by model id.
    let stores = LoadOnce<Int64, VectorStore>()
    /// Sentence encoders by model fingerprint.
    let encoders = LoadOnce<String, SentenceEncoder>()
    /// CLIP models (both towers) by folder and space.
    let clipModels = LoadOnce<String, CLIPModel>()
    /// CLIP image preprocessing by folder and space.
    let preprocessors = LoadOnce<String, CLIPImagePreprocessor>()
    /// The text cross-encoder found among the models (one key).
    let judges = LoadOnce<String, JudgeChoice>()

    /// An engine over `library`, finding models in `modelsFolder` first, then in the
    /// usual model folders (see `ModelLocator`).
    public init(library: Library, modelsFolder: String? = nil) {
        self.library = library
        self.finder = ModelFinder(locator: ModelLocator(modelsOption: modelsFolder))
    }

    /// Where models are looked for, in order.
    public var modelSearchPaths: [String] { finder.locator.searchPaths }

    /// What embeds text for `model`: a sentence encoder, or a CLIP text tower.
    func textEmbedder(for model: ModelDescriptor) throws -> any TextEmbedder {
        model.family == CLIPConfiguration.modelType ? try clipModel(for: model).textEmbedder : try encoder(for: model)
    }

    /// What embeds pictures for the image tower `model`: its CLIP vision tower behind
    /// the folder's own preprocessing.
    func pictureEmbedder(for model: ModelDescriptor) throws -> any PictureEmbedder {
        let clip = try clipModel(for: model)
        let key = model.folder + "\u{0}" + model.space
        let preprocessor = try preprocessors.value(for: key) {
            do throws(InferenceError) {
                return try CLIPImagePreprocessor(folder: model.folder)
            } catch {
                throw EngineError(.modelDamaged, "model \(model.name) cannot be used: \(error.description)")
            }
        }
        return clip.pictureEmbedder(preprocessing: { preprocessor.pixelValues($0) })
    }

    /// The CLIP model of a tower's folder, read once.
    func clipModel(for model: ModelDescriptor) throws -> CLIPModel {
        try clipModels.value(for: model.folder + "\u{0}" + model.space) {
            do throws(InferenceError) {
                return try CLIPModel(folder: model.folder)
            } catch {
                throw EngineError(.modelDamaged, "model \(model.name) cannot be used: \(error.description)")
            }
        }
    }

    /// The encoder for a model folder, made once per fingerprint.
    func encoder(for model: ModelDescriptor) throws -> SentenceEncoder {
        try encoders.value(for: model.fingerprint) {
            do throws(InferenceError) {
                return try SentenceEncoder(folder: model.folder)
            } catch {
                throw EngineError(.modelDamaged, "model \(model.name) cannot be used: \(error.description)")
            }
        }
    }
}
