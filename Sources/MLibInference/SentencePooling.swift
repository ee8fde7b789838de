import Foundation

/// The sentence-transformers head: how token states become one sentence vector.
///
/// Read from a model folder: `modules.json` names the pooling module's folder
/// (usually `1_Pooling`), whose `config.json` picks mean, CLS or max pooling, and a
/// `Normalize` module, when listed, scales each vector to unit length. A folder
/// without `modules.json` is a plain Hugging Face model: mean pooling, no
/// normalisation, as sentence-transformers would do.
public struct SentencePooling: Sendable, Hashable {
    /// How token states are reduced.
    public enum Mode: String, Sendable, Hashable {
        /// The mean of the real tokens.
        case mean
        /// The first token (`[CLS]`).
        case cls
        /// The element-wise maximum over the real tokens.
        case max
    }

    public var mode: Mode
    /// Whether each vector is scaled to unit Euclidean length.
    public var normalize: Bool

    public init(mode: Mode = .mean, normalize: Bool = true) {
        self.mode = mode
        self.normalize = normalize
    }

    /// The head described by the sentence-transformers files in `folder`.
    public init(folder: String) throws(InferenceError) {
        let modulesPath = folder + "/modules.json"
        guard let modulesData = FileManager.default.contents(atPath: modulesPath) else {
            let fallback = folder + "/1_Pooling/config.json"
            self.init(mode: FileManager.default.fileExists(atPath: fallback) ? try Self.readMode(fallback) : .mean, normalize: false)
            return
        }
        guard let modules = (try? JSONSerialization.jsonObject(with: modulesData)) as? [[String: Any]] else {
            throw InferenceError(.malformed, path: modulesPath, message: "modules.json is not a list of modules; the model folder is damaged")
        }
        let types = modules.map { ($0["type"] as? String ?? "", $0["path"] as? String ?? "") }
        var mode = Mode.mean
        if let pooling = types.first(where: { $0.0.hasSuffix(".Pooling") }) {
            mode = try Self.readMode(folder + "/" + pooling.1 + "/config.json")
        }
        if let other = types.first(where: { !($0.0.hasSuffix(".Transformer") || $0.0.hasSuffix(".Pooling") || $0.0.hasSuffix(".Normalize")) }) {
            throw InferenceError(.unsupported, path: modulesPath, message: "module '\(other.0)' is not supported; only Transformer, Pooling and Normalize can run")
        }
        self.init(mode: mode, normalize: types.contains { $0.0.hasSuffix(".Normalize") })
    }

    /// One vector per text of `batch` from `hidden`, the encoder's `[batch, sequence, width]` states.
    public func pool(_ hidden: Tensor, batch: TokenBatch) -> [[Float]] {
        let pooled: Tensor
        switch mode {
        case .mean: pooled = hidden.meanPooled(mask: batch.mask)
        case .cls: pooled = hidden.clsPooled()
        case .max: pooled = hidden.maxPooled(mask: batch.mask)
        }
        return (normalize ? pooled.l2Normalized() : pooled).rowArrays()
    }

    private static func readMode(_ path: String) throws(InferenceError) -> Mode {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InferenceError(.missingFile, path: path, message: "the pooling configuration is missing; the model folder is incomplete")
        }
        guard let settings = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw InferenceError(.malformed, path: path, message: "the pooling configuration is not a JSON object")
        }
        let flags = settings.compactMap { key, value in key.hasPrefix("pooling_mode_") && (value as? Bool) == true ? key : nil }
        switch Set(flags) {
        case ["pooling_mode_mean_tokens"]: return .mean
        case ["pooling_mode_cls_token"]: return .cls
        case ["pooling_mode_max_tokens"]: return .max
        default:
            let mode = settings["pooling_mode"] as? String
            switch mode {
            case "mean": return .mean
            case "cls": return .cls
            case "max": return .max
            default:
                throw InferenceError(.unsupported, path: path, message: "pooling \(mode ?? flags.sorted().joined(separator: " + ")) is not supported; only one of mean, cls or max can run")
            }
        }
    }
}
