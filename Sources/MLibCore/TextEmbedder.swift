/// Something that turns texts into L2-normalised vectors: a sentence model.
///
/// mlib's own engine (MLibInference) is the implementation; ingest and search only
/// see this protocol, so neither depends on how a model runs.
public protocol TextEmbedder: Sendable {
    /// The model's name, stored with every vector it makes.
    var modelName: String { get }
    /// Length of the vectors.
    var dimension: Int { get throws }
    /// One vector per text, in order. Texts longer than the model's window are cut.
    func embed(_ texts: [String]) throws -> [[Float]]
}
