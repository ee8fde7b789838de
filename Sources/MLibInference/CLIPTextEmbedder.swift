public import MLibCore

/// A CLIP model's text tower as a `TextEmbedder`: texts in, L2-normalised vectors of
/// the space the model's pictures share.
///
/// Made by ``CLIPModel/textEmbedder``; the tower loads on the first `embed`.
public struct CLIPTextEmbedder: TextEmbedder {
    public let model: CLIPModel

    public init(model: CLIPModel) {
        self.model = model
    }

    public var modelName: String { model.modelName }

    public var dimension: Int { model.dimension }

    public func embed(_ texts: [String]) throws -> [[Float]] {
        try model.embed(texts: texts)
    }
}
