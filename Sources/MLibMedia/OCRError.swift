/// Why text in pictures cannot be read at all on this machine.
///
/// These are set-up problems, not problems with one picture: `TextRecognizer.init`
/// throws them once, and the description says what to install.
public struct OCRError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; new codes may be added without breaking callers.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// libtesseract could not be loaded.
        public static let libraryMissing = Code(rawValue: "library-missing")
        /// No language data was found, or not for a language asked for.
        public static let languageMissing = Code(rawValue: "language-missing")
        /// Tesseract loaded but refused to start with the language data it was given.
        public static let engineFailed = Code(rawValue: "engine-failed")
    }

    public var code: Code
    /// What went wrong and what to do, in one line.
    public var detail: String

    public init(_ code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "OCR: \(detail)" }

    /// libtesseract is not installed (or not the major version mlib was built for).
    static func libraryMissing(_ reason: String) -> OCRError {
        OCRError(
            .libraryMissing,
            detail: "OCR needs tesseract 5: apt-get install libtesseract5 tesseract-ocr-eng (\(reason))")
    }

    /// `language` has no `.traineddata` file in `folder` (nil: no folder was found at all).
    static func languageMissing(_ language: String, folder: String?) -> OCRError {
        let package = "tesseract-ocr-" + language.lowercased().replacingOccurrences(of: "_", with: "-")
        guard let folder else {
            return OCRError(
                .languageMissing,
                detail: "no tesseract language data found: apt-get install \(package), or set TESSDATA_PREFIX to its folder")
        }
        return OCRError(
            .languageMissing,
            detail: "no tesseract data for language '\(language)' in \(folder): apt-get install \(package)")
    }
}
