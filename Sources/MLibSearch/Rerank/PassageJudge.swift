/// Judges passages against a query by reading both together: a text cross-encoder
/// (such as `cross-encoder/ms-marco-MiniLM-L-6-v2`). The search module only needs
/// its scores; the engine brings the model.
public protocol PassageJudge: Sendable {
    /// The judge's name in explanations.
    var name: String { get }
    /// Raw scores (logits: above 0 leans relevant), one per passage, in order.
    func scores(query: String, passages: [String]) throws -> [Double]
}
