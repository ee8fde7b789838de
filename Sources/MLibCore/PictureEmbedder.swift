/// Something that turns pictures into L2-normalised vectors: a CLIP vision tower.
///
/// mlib's own engine (MLibInference) is the implementation; ingest only sees this
/// protocol. The pictures are whole decoded images or frames; the embedder does its
/// own resizing and cropping the way its model was trained.
public protocol PictureEmbedder: Sendable {
    /// The model's name, stored with every vector it makes.
    var modelName: String { get }
    /// Length of the vectors.
    var dimension: Int { get throws }
    /// One vector per picture, in order.
    func embed(pictures: [RGBImage]) throws -> [[Float]]
}
