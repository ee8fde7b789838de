import Foundation
public import MLibCore
import MLibInference
import MLibMedia

extension Engine {
    /// Shorter side pictures are decoded at, at least, before a picture model's own
    /// resize: JPEG may decode at a half or a quarter of its size down to this.
    static let pictureShortSide = 448

    /// Picture vectors of image files from the CLIP model called `modelName`, without a
    /// library: for scripts and cross-checks.
    public static func embedImages(
        _ paths: [RawPath], modelName: String, modelsFolder: String?
    ) throws -> (model: ModelDescriptor, vectors: [[Float]]) {
        let (image, embedder) = try pictureTower(modelName: modelName, modelsFolder: modelsFolder)
        var vectors: [[Float]] = []
        for path in paths {
            let decoded = try PictureDecoder().decode(path, request: PictureRequest(minimumShortSide: pictureShortSide))
            vectors += try embedder.embed(pictures: [decoded.image])
        }
        return (image, vectors.map { VectorMath.normalized($0) ?? $0 })
    }

    /// One picture vector per sampled frame of the video at `path`, with the frame's time.
    public static func embedVideo(
        _ path: RawPath, fps: Double, modelName: String, modelsFolder: String?
    ) throws -> (model: ModelDescriptor, frames: [(time: Double, vector: [Float])]) {
        let (image, embedder) = try pictureTower(modelName: modelName, modelsFolder: modelsFolder)
        let options = PictureOptions(fps: fps)
        var frames = try FrameSampler(fps: options.fps, frameBudget: options.frameBudget, maximumShortSide: pictureShortSide).frames(path)
        var result: [(time: Double, vector: [Float])] = []
        while let frame = try frames.next() {
            let vector = try embedder.embed(pictures: [frame.image])[0]
            result.append((frame.time, VectorMath.normalized(vector) ?? vector))
        }
        return (image, result)
    }

    /// The image tower of a CLIP folder and its embedder.
    private static func pictureTower(modelName: String, modelsFolder: String?) throws -> (ModelDescriptor, any PictureEmbedder) {
        let finder = ModelFinder(locator: ModelLocator(modelsOption: modelsFolder))
        let towers = try finder.towers(named: modelName).get()
        guard let image = towers.first(where: { $0.tower == .image }) else {
            throw EngineError(.unknownModel, "model \(modelName) embeds text only; pictures need a CLIP model (see README, Pictures)")
        }
        do {
            let clip = try CLIPModel(folder: image.folder)
            let preprocessor = try CLIPImagePreprocessor(folder: image.folder)
            return (image, clip.pictureEmbedder(preprocessing: { preprocessor.pixelValues($0) }))
        } catch {
            throw EngineError(.modelDamaged, "model \(image.name) cannot be used: \(error.description)")
        }
    }
}
