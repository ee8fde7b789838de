import Foundation

/// Pooling and normalisation: how token states become one sentence vector.
///
/// Read from a model folder: `modules.json` names the pooling module's folder
/// (usually `1_Pooling`), whose `config.json` picks mean, CLS or max pooling, and a
/// `Normalize` module, when listed, scales each vector to unit length. A folder
/// without `modules.json` is a plain Hugging Face model: mean pooling, no
/// normalisation, as sentence-transformers would do. A head with `Dense` modules
/// is run by `SentenceEncoder` (see `SentenceHead`).
public struct SentencePooling: Sendable, Hashable {
    /// How token states are reduced.
    public enum Mode: String, Sendable, Hashable {
        /// The mean of the real tokens.
        case mean
        /// The first token (`[CLS]`).
        case cls
        /// The element-wise maximum over the real tokens.
        case max

        /// `[batch, width]` from the encoder's `[batch, sequence, width]` states.
        func pool(_ hidden: Tensor, batch: TokenBatch) -> Tensor {
            switch self {
            case .mean: hidden.meanPooled(mask: batch.mask)
            case .cls: hidden.clsPooled()
            case .max: hidden.maxPooled(mask: batch.mask)
            }
        }
    }

    public var mode: Mode
    /// Whether each vector is scaled to unit Euclidean length.
    public var normalize: Bool

    public init(mode: Mode = .mean, normalize: Bool = true) {
        self.mode = mode
        self.normalize = normalize
    }

    /// The head described by the sentence-transformers files in `folder`.
    ///
    /// A folder whose head has a `Dense` module is refused: that head is more than
    /// pooling and normalisation, and `SentenceEncoder` runs it whole.
    public init(folder: String) throws(InferenceError) {
        let modules = try SentenceModules.read(folder: folder)
        if modules.head.contains(where: { $0.kind == .dense }) {
            throw InferenceError(.unsupported, path: folder + "/modules.json", message: "the model has a Dense module after pooling, which SentencePooling alone does not apply; run it with SentenceEncoder")
        }
        let mode = try modules.poolingPath.map { path throws(InferenceError) in try Self.readMode(folder + "/" + path + "/config.json") } ?? .mean
        self.init(mode: mode, normalize: modules.head.contains { $0.kind == .normalize })
    }

    /// One vector per text of `batch` from `hidden`, the encoder's `[batch, sequence, width]` states.
    public func pool(_ hidden: Tensor, batch: TokenBatch) -> [[Float]] {
        let pooled = mode.pool(hidden, batch: batch)
        return (normalize ? pooled.l2Normalized() : pooled).rowArrays()
    }

    /// The mode a sentence-transformers pooling `config.json` picks: one
    /// `pooling_mode_*` flag set to true (older and current files), or a
    /// `pooling_mode` string (`mean`, `cls`, `max`).
    static func readMode(_ path: String) throws(InferenceError) -> Mode {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InferenceError(.missingFile, path: path, message: "the pooling configuration is missing; the model folder is incomplete")
        }
        guard let settings = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw InferenceError(.malformed, path: path, message: "the pooling configuration is not a JSON object; the model folder is damaged, fetch the model again")
        }
        let flags = settings.compactMap { key, value in key.hasPrefix("pooling_mode_") && (value as? Bool) == true ? key : nil }
        switch Set(flags) {
        case ["pooling_mode_mean_tokens"]: return .mean
        case ["pooling_mode_cls_token"]: return .cls
        case ["pooling_mode_max_tokens"]: return .max
        default:
            let mode = settings["pooling_mode"] as? String
            switch mode {
            case "mean", "mean_tokens": return .mean
            case "cls", "cls_token": return .cls
            case "max", "max_tokens": return .max
            default:
                throw InferenceError(.unsupported, path: path, message: "pooling \(mode ?? flags.sorted().joined(separator: " + ")) is not supported; only one of mean, cls or max can run")
            }
        }
    }
}
