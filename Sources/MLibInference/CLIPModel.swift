import Foundation
public import MLibCore
import Synchronization

/// A Hugging Face CLIP model folder run by mlib's own engine: `config.json`
/// (`model_type` `clip`), `model.safetensors`, `vocab.json` and `merges.txt`.
///
/// Creating one reads only `config.json`. Each tower loads on its first use, once,
/// shared by every thread: a process that only embeds queries never maps the vision
/// weights' pages, one that only embeds pictures never reads the vocabulary. Texts
/// go through ``textEmbedder`` (a `TextEmbedder`); pictures arrive as pixel_values
/// (`3 × size × size` floats each, from a `CLIPImageProcessor`-exact preprocessor),
/// and ``pictureEmbedder(preprocessing:)`` pairs the model with such a preprocessor
/// into a `PictureEmbedder`. Both towers' vectors are L2-normalised and live in one
/// space, so a text's vector and a picture's compare by dot product.
///
/// ```swift
/// let clip = try CLIPModel(folder: "models/clip-vit-base-patch32")
/// let query = try clip.embed(texts: ["a red dress by a cafe window"])[0]
/// let picture = try clip.embed(pixelValues: [pixelValues])[0]
/// let similarity = zip(query, picture).reduce(0) { $0 + $1.0 * $1.1 }
/// ```
public final class CLIPModel: Sendable {
    /// The folder's name, as people call the model.
    public let modelName: String
    public let folder: String
    public let configuration: CLIPConfiguration
    private let text = Mutex<TextTower?>(nil)
    private let vision = Mutex<CLIPVisionTower?>(nil)

    private struct TextTower: Sendable {
        var tokenizer: CLIPTokenizer
        var tower: CLIPTextTower
    }

    /// Reads the folder's `config.json`; fails with a one-line reason for a folder
    /// that is not a CLIP model this engine can run.
    public init(folder: String) throws(InferenceError) {
        self.folder = folder
        self.modelName = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        self.configuration = try CLIPConfiguration.load(folder: folder)
    }

    /// Length of the vectors of both towers: `projection_dim`.
    public var dimension: Int { configuration.projectionDimension }

    /// The text tower as a `TextEmbedder`, for ingest and search.
    public var textEmbedder: CLIPTextEmbedder { CLIPTextEmbedder(model: self) }

    /// A `PictureEmbedder` that turns each picture into pixel_values with
    /// `preprocessing` (resize, crop, rescale, normalise as `preprocessor_config.json`
    /// says) and embeds them with the vision tower.
    public func pictureEmbedder(preprocessing: @escaping @Sendable (RGBImage) throws -> [Float]) -> CLIPPictureEmbedder {
        CLIPPictureEmbedder(model: self, preprocessing: preprocessing)
    }

    /// Loads the tokenizer and the text tower now rather than on the first text.
    public func loadTextTower() throws(InferenceError) {
        _ = try textTower()
    }

    /// Loads the vision tower now rather than on the first picture.
    public func loadVisionTower() throws(InferenceError) {
        _ = try visionTower()
    }

    /// The token ids the text tower reads for `text`, start and end tokens included.
    public func tokenIDs(_ text: String) throws(InferenceError) -> [Int32] {
        try textTower().tokenizer.encode(text)
    }

    /// One L2-normalised vector per text, in order; texts longer than the window
    /// (77 tokens) are cut, keeping the end token.
    public func embed(texts: [String]) throws(InferenceError) -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        let loaded = try textTower()
        return loaded.tower.embed(texts.map(loaded.tokenizer.encode))
    }

    /// One L2-normalised vector per image's pixel_values (`3 × size × size` floats,
    /// channels first), in order.
    public func embed(pixelValues: [[Float]]) throws(InferenceError) -> [[Float]] {
        guard !pixelValues.isEmpty else { return [] }
        let vision = configuration.vision
        if let wrong = pixelValues.first(where: { $0.count != vision.pixelCount }) {
            throw InferenceError(
                .wrongShape, path: folder,
                message: "pixel_values of \(wrong.count) floats given, the model reads \(vision.channelCount)×\(vision.imageSize)×\(vision.imageSize) = \(vision.pixelCount); preprocess pictures with this model's preprocessor_config.json")
        }
        return try visionTower().embed(pixelValues: pixelValues)
    }

    private func textTower() throws(InferenceError) -> TextTower {
        try text.withLock { (state) throws(InferenceError) -> TextTower in
            if let state { return state }
            try Self.checkBLAS(folder)
            let tokenizer = try CLIPTokenizer(folder: folder, contextLength: configuration.text.maxPositions)
            guard tokenizer.vocabularySize <= configuration.text.vocabularySize else {
                throw InferenceError(.wrongShape, path: folder + "/vocab.json", message: "vocab.json has \(tokenizer.vocabularySize) tokens but config.json's vocab_size is \(configuration.text.vocabularySize); the tokenizer does not belong to these weights, fetch the model again")
            }
            let loaded = TextTower(tokenizer: tokenizer, tower: try CLIPTextTower(configuration: configuration, weights: try weightsFile()))
            state = loaded
            return loaded
        }
    }

    private func visionTower() throws(InferenceError) -> CLIPVisionTower {
        try vision.withLock { (state) throws(InferenceError) -> CLIPVisionTower in
            if let state { return state }
            try Self.checkBLAS(folder)
            let tower = try CLIPVisionTower(configuration: configuration, weights: try weightsFile())
            state = tower
            return tower
        }
    }

    /// The mapped weights; each tower maps the file on its own, which costs nothing
    /// until pages are read.
    private func weightsFile() throws(InferenceError) -> SafetensorsFile {
        let path = folder + "/model.safetensors"
        if !FileManager.default.fileExists(atPath: path), FileManager.default.fileExists(atPath: folder + "/pytorch_model.bin") {
            throw InferenceError(.unsupported, path: path, message: "the weights are only in pytorch_model.bin; mlib reads model.safetensors, so save the model again with safe_serialization=True")
        }
        return try SafetensorsFile(path: path)
    }

    private static func checkBLAS(_ folder: String) throws(InferenceError) {
        guard BLAS.isAvailable else {
            throw InferenceError(.unsupported, path: folder, message: "OpenBLAS (libopenblas.so.0) cannot be loaded; install libopenblas0 (`make deps`)")
        }
    }
}
