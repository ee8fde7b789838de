import MLibInference
import MLibStore

/// Why the engine could not do what was asked, in one line a person can act on.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; new codes may be added without breaking callers.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No model folder by that name or fingerprint.
        public static let modelNotFound = Code(rawValue: "model-not-found")
        /// The model folder is there but cannot be read or run.
        public static let modelDamaged = Code(rawValue: "model-damaged")
        /// The library has no model by that name.
        public static let unknownModel = Code(rawValue: "unknown-model")
        /// The model failed while embedding.
        public static let embedding = Code(rawValue: "embedding")
    }

    public var code: Code
    /// What happened and what to do.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// What a model's failure means for the user: library and engine errors pass
    /// through; a model that cannot load is damaged; anything else failed `doing`.
    static func wrapping(_ error: any Error, model: String, doing: String) -> any Error {
        switch error {
        case is LibraryError, is EngineError: error
        case let error as InferenceError: EngineError(.modelDamaged, "model \(model) cannot be used: \(error.description)")
        default: EngineError(.embedding, "model \(model) failed \(doing): \(error)")
        }
    }
}
