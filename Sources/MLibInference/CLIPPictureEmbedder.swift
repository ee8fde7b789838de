public import MLibCore

/// A CLIP model's vision tower as a `PictureEmbedder`: each picture goes through a
/// preprocessor (to pixel_values) and then the tower, in batches.
///
/// Made by ``CLIPModel/pictureEmbedder(preprocessing:)``. The preprocessor must
/// produce what the model's `preprocessor_config.json` asks for (for OpenAI's models:
/// bicubic resize of the short side to 224, centre crop, `/255`, mean/std
/// normalisation, channels first); the tower loads on the first `embed`.
public struct CLIPPictureEmbedder: PictureEmbedder {
    public let model: CLIPModel
    private let preprocessing: @Sendable (RGBImage) throws -> [Float]

    public init(model: CLIPModel, preprocessing: @escaping @Sendable (RGBImage) throws -> [Float]) {
        self.model = model
        self.preprocessing = preprocessing
    }

    public var modelName: String { model.modelName }

    public var dimension: Int { model.dimension }

    public func embed(pictures: [RGBImage]) throws -> [[Float]] {
        try model.embed(pixelValues: pictures.map(preprocessing))
    }
}
