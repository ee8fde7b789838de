import CTesseract
import Foundation

/// libtesseract, loaded on first use, and the language data installed beside it.
enum TesseractLibrary {
    /// Loads the library (once per process) or says why it cannot be loaded.
    static func load() throws(OCRError) {
        if let reason = mlib_tesseract_load_error() {
            throw OCRError.libraryMissing(String(cString: reason))
        }
    }

    /// The version of the library loaded, such as "5.3.0"; nil when it is not loaded.
    static var version: String? {
        mlib_TessVersion().map { String(cString: $0) }
    }

    /// Where language data is looked for when no folder is given: `TESSDATA_PREFIX`
    /// (the folder itself or its `tessdata` child), then the folders Debian, Fedora,
    /// Arch and Homebrew install to.
    static let dataFolderCandidates: [String] = {
        var folders: [String] = []
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"], !prefix.isEmpty {
            folders += [prefix, (prefix as NSString).appendingPathComponent("tessdata")]
        }
        return folders + [
            "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata",
            "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata",
        ]
    }()

    /// The first folder that holds any `.traineddata` file, or nil.
    static func findDataFolder() -> String? {
        dataFolderCandidates.first { !trainedData(in: $0).isEmpty }
    }

    /// The languages with data in `folder`, `eng` first, then by name; `osd` (page
    /// orientation, not a language) and `equ` (equations, legacy engine only) are left out.
    static func installedLanguages(in folder: String) -> [String] {
        trainedData(in: folder)
            .filter { $0 != "osd" && $0 != "equ" }
            .sorted { ($0 == "eng" ? 0 : 1, $0) < ($1 == "eng" ? 0 : 1, $1) }
    }

    /// The names of the `.traineddata` files in `folder`, without the extension.
    private static func trainedData(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name in
            name.hasSuffix(".traineddata") ? String(name.dropLast(".traineddata".count)) : nil
        }
    }
}
