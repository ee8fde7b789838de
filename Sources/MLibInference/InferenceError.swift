import MLibCore

/// Why a model could not be loaded or run.
///
/// The description is one line for the user: what is wrong, with which file of
/// which model folder, and what to do.
public struct InferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; new codes may be added without breaking callers.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A file the model needs is not in its folder.
        public static let missingFile = Code(rawValue: "missing-file")
        /// A file is there but cannot be parsed (bad JSON, bad safetensors header).
        public static let malformed = Code(rawValue: "malformed")
        /// A file ends before its own header says it should.
        public static let truncated = Code(rawValue: "truncated")
        /// A tensor the architecture needs is not in the weights.
        public static let missingTensor = Code(rawValue: "missing-tensor")
        /// A tensor has another shape than the configuration implies.
        public static let wrongShape = Code(rawValue: "wrong-shape")
        /// The folder holds a model this engine cannot run (architecture, dtype,
        /// activation, tokenizer kind).
        public static let unsupported = Code(rawValue: "unsupported")
        /// No model by that name in any of the model folders.
        public static let notFound = Code(rawValue: "not-found")
    }

    public var code: Code
    /// The file or folder involved.
    public var path: String
    public var message: String

    public init(_ code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String {
        "\(RawPath(path).displayString): \(message)"
    }
}
