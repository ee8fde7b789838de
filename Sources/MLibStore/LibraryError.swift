import MLibCore

/// Why the library file could not be opened, read or written.
public struct LibraryError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; new codes may be added without breaking callers.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The file could not be created or opened (permissions, missing folder).
        public static let cannotOpen = Code(rawValue: "cannot-open")
        /// The file was written by a newer mlib whose schema this one does not know.
        public static let newerSchema = Code(rawValue: "newer-schema")
        /// The file is not an SQLite database, or is damaged.
        public static let corrupt = Code(rawValue: "corrupt")
        /// Another process holds the library locked for longer than we wait.
        public static let busy = Code(rawValue: "busy")
        /// A read or write failed.
        public static let database = Code(rawValue: "database")
        /// No library file exists at the path, and the open mode does not create one.
        public static let notFound = Code(rawValue: "not-found")
        /// The file is an SQLite database (or an empty file) that mlib did not make.
        public static let notALibrary = Code(rawValue: "not-a-library")
        /// The library's schema is older than this mlib's and could not be upgraded
        /// by a read-only open (the file is locked or not writable).
        public static let outdatedSchema = Code(rawValue: "outdated-schema")
    }

    public var code: Code
    /// The library file involved.
    public var path: String
    /// What happened and what to do, one line.
    public var message: String

    public init(_ code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String {
        "library \(RawPath(path).displayString): \(message)"
    }
}
