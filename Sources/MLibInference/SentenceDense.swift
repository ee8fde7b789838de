import Foundation

/// A sentence-transformers `Dense` module: a linear layer and an activation applied
/// to the pooled sentence vector, usually to change its width (768 → 512 in
/// distiluse-base-multilingual-cased-v2).
///
/// Its folder (for example `2_Dense`) holds `config.json` (`in_features`,
/// `out_features`, `bias`, `activation_function`) and the weights `linear.weight`
/// and `linear.bias` in `model.safetensors`. `Settings` reads only the configuration,
/// so a model's output width is known before any weight loads.
struct SentenceDense: Sendable {
    /// What `config.json` says.
    struct Settings: Sendable, Hashable {
        var inFeatures: Int
        var outFeatures: Int
        var hasBias: Bool
        var activation: Function
        /// The module's folder, absolute.
        var folder: String

        /// Reads `folder/config.json` and checks the weights are in a readable form.
        init(folder: String) throws(InferenceError) {
            let path = folder + "/config.json"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InferenceError(.missingFile, path: path, message: "the Dense module has no config.json; the model folder is incomplete, fetch the model again")
            }
            guard let settings = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                let inFeatures = settings["in_features"] as? Int, let outFeatures = settings["out_features"] as? Int,
                inFeatures > 0, outFeatures > 0
            else {
                throw InferenceError(.malformed, path: path, message: "the Dense configuration needs positive in_features and out_features; the model folder is damaged, fetch the model again")
            }
            let name = settings["activation_function"] as? String ?? "torch.nn.modules.activation.Tanh"
            guard let activation = Function(torchName: name) else {
                throw InferenceError(.unsupported, path: path, message: "Dense activation '\(name)' is not supported; mlib runs Tanh, Identity, ReLU, GELU and Sigmoid")
            }
            let weights = folder + "/model.safetensors"
            if !FileManager.default.fileExists(atPath: weights) {
                let pickle = FileManager.default.fileExists(atPath: folder + "/pytorch_model.bin")
                throw InferenceError(
                    pickle ? .unsupported : .missingFile, path: weights,
                    message: pickle
                        ? "the Dense weights are only in pytorch_model.bin; mlib reads model.safetensors, so save the model again with safe_serialization=True"
                        : "the Dense module has no model.safetensors; the model folder is incomplete, fetch the model again")
            }
            self.inFeatures = inFeatures
            self.outFeatures = outFeatures
            self.hasBias = settings["bias"] as? Bool ?? true
            self.activation = activation
            self.folder = folder
        }
    }

    /// The element-wise function after the linear layer, named as torch names it.
    enum Function: String, Sendable, Hashable {
        case identity = "Identity"
        case tanh = "Tanh"
        case relu = "ReLU"
        case gelu = "GELU"
        case sigmoid = "Sigmoid"

        /// The function a class path such as `torch.nn.modules.activation.Tanh` names.
        init?(torchName: String) {
            guard let last = torchName.split(separator: ".").last else { return nil }
            self.init(rawValue: String(last))
        }

        func apply(_ values: UnsafeMutableBufferPointer<Float>) {
            switch self {
            case .identity: break
            case .tanh: for i in values.indices { values[i] = Foundation.tanh(values[i]) }
            case .relu: Activation.relu.apply(values)
            case .gelu: Activation.gelu.apply(values)
            case .sigmoid: for i in values.indices { values[i] = 1 / (1 + exp(-values[i])) }
            }
        }
    }

    let settings: Settings
    private let linear: LinearLayer

    /// Loads the weights `settings` describe, checking their shapes.
    init(_ settings: Settings) throws(InferenceError) {
        let weights = try SafetensorsFile(path: settings.folder + "/model.safetensors")
        self.settings = settings
        self.linear = try LinearLayer(
            "linear", from: weights, inFeatures: settings.inFeatures, outFeatures: settings.outFeatures,
            hasBias: settings.hasBias)
    }

    /// `[rows, outFeatures]` from `[rows, inFeatures]` vectors.
    func apply(_ vectors: Tensor) -> Tensor {
        precondition(vectors.lastDimension == settings.inFeatures, "Dense of \(settings.inFeatures) inputs given vectors of \(vectors.lastDimension)")
        let rows = vectors.rowCount
        return Tensor(shape: [rows, settings.outFeatures]) { output in
            output.initialize(repeating: 0)
            guard rows > 0 else { return }
            vectors.storage.withUnsafeBufferPointer { input in
                linear.apply(input: input.baseAddress!, rows: rows, output: output.baseAddress!)
            }
            settings.activation.apply(output)
        }
    }
}
