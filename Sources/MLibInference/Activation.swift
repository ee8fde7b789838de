import Foundation

/// An element-wise non-linearity of a transformer's feed-forward block.
///
/// The names follow Hugging Face's `hidden_act`: `gelu` is the exact erf form,
/// `gelu_new` / `gelu_pytorch_tanh` the tanh approximation, `quick_gelu` CLIP's
/// `x · sigmoid(1.702 x)`.
public enum Activation: String, Sendable, Hashable, CaseIterable {
    /// `x · Φ(x) = 0.5 x (1 + erf(x / √2))`.
    case gelu
    /// `0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`.
    case geluTanh = "gelu_tanh"
    /// `x · sigmoid(1.702 x)`, as in CLIP.
    case quickGELU = "quick_gelu"
    /// `max(0, x)`.
    case relu

    /// The activation a Hugging Face `hidden_act` value names, or nil if unknown.
    public init?(huggingFaceName name: String) {
        switch name {
        case "gelu": self = .gelu
        case "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "gelu_tanh": self = .geluTanh
        case "quick_gelu": self = .quickGELU
        case "relu": self = .relu
        default: return nil
        }
    }

    /// The activation of one value.
    public func callAsFunction(_ x: Float) -> Float {
        switch self {
        case .gelu: return 0.5 * x * (1 + erf(x * 0.70710678118654752))
        case .geluTanh:
            return 0.5 * x * (1 + tanh(0.79788456080286536 * (x + 0.044715 * x * x * x)))
        case .quickGELU: return x / (1 + exp(-1.702 * x))
        case .relu: return max(0, x)
        }
    }

    /// Applies the activation in place to every element of `values`.
    func apply(_ values: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .gelu:
            for i in values.indices {
                let x = values[i]
                values[i] = 0.5 * x * (1 + erf(x * 0.70710678118654752))
            }
        case .geluTanh:
            for i in values.indices {
                let x = values[i]
                values[i] = 0.5 * x * (1 + tanh(0.79788456080286536 * (x + 0.044715 * x * x * x)))
            }
        case .quickGELU:
            for i in values.indices {
                let x = values[i]
                values[i] = x / (1 + exp(-1.702 * x))
            }
        case .relu:
            for i in values.indices {
                values[i] = max(0, values[i])
            }
        }
    }
}
