public import MLibCore

/// Why a file could not be read or understood.
///
/// The description is one line a person can act on: what happened, to which file,
/// and what to do. Ingest stores it as the item's failure reason.
public struct MediaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; new codes may be added without breaking callers.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The file has no bytes.
        public static let empty = Code(rawValue: "empty")
        /// The file exists but may not be read (permissions).
        public static let unreadable = Code(rawValue: "unreadable")
        /// The file disappeared before or while it was read.
        public static let vanished = Code(rawValue: "vanished")
        /// The path is not a regular file (a device, socket, fifo or a loop).
        public static let notRegularFile = Code(rawValue: "not-regular-file")
        /// The content ends before its format says it should.
        public static let truncated = Code(rawValue: "truncated")
        /// The content claims a format but does not parse as one.
        public static let corrupt = Code(rawValue: "corrupt")
        /// The content is of a type mlib does not index.
        public static let unsupported = Code(rawValue: "unsupported")
        /// A read failed for another reason (I/O error).
        public static let io = Code(rawValue: "io")
    }

    public var code: Code
    public var path: RawPath
    /// What went wrong, in the words of the library that noticed, if any.
    public var detail: String

    public init(_ code: Code, path: RawPath, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var description: String {
        "\(path.displayString): \(detail)".replacingNewlines()
    }
}

extension String {
    /// One line: newlines and tabs in library messages become spaces.
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
