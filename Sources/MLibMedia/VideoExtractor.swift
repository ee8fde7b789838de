import MLibCore

/// STUB — to be replaced.
enum VideoExtractor {
    static func extract(_ file: borrowing SourceFile, mime: String) throws(MediaError) -> Extraction {
        throw MediaError(.unsupported, path: file.path, detail: "not implemented")
    }
}
