public import MLibCore

/// Reads the text in pictures with Tesseract, for search.
///
/// Safe to share between threads: each call borrows a Tesseract engine no other
/// thread is using (see `TesseractPool`), so ingest threads read pictures side by
/// side. Tesseract's own threads are limited to one per engine (`OMP_THREAD_LIMIT`)
/// so N threads use N cores.
///
/// ```swift
/// let recognizer = try TextRecognizer()            // eng + every other installed language
/// if let text = try recognizer.recognize(picture, mode: .auto), !text.isEmpty {
///     print(text.text, text.confidence)
/// }
/// ```
public final class TextRecognizer: Sendable {
    /// Pictures are read with their longer side at most this many pixels.
    public static let maximumSide = 2400
    /// Letters are enlarged to at least this height in pixels before reading.
    static let minimumLetterHeight = 14.0

    /// The languages read, in Tesseract's names (`eng`, `deu`, `chi_sim`…).
    public let languages: [String]
    /// The folder their data is read from.
    public let dataFolder: String
    private let pool: TesseractPool

    /// Loads Tesseract and starts one engine, so a missing library or language fails
    /// here, once, with what to install.
    ///
    /// - Parameters:
    ///   - languages: Tesseract language names; nil reads every installed language
    ///     (`eng` first). Each language adds to the time per picture.
    ///   - dataFolder: the `tessdata` folder; nil looks in `TESSDATA_PREFIX` and the
    ///     usual system folders.
    public init(languages: [String]? = nil, dataFolder: String? = nil) throws(OCRError) {
        try TesseractLibrary.load()
        guard let folder = dataFolder ?? TesseractLibrary.findDataFolder() else {
            throw OCRError.languageMissing(languages?.first ?? "eng", folder: nil)
        }
        let installed = TesseractLibrary.installedLanguages(in: folder)
        let wanted = languages ?? installed
        guard !wanted.isEmpty else { throw OCRError.languageMissing("eng", folder: folder) }
        if let missing = wanted.first(where: { !installed.contains($0) }) {
            throw OCRError.languageMissing(missing, folder: folder)
        }
        self.languages = wanted
        self.dataFolder = folder
        pool = try TesseractPool(dataFolder: folder, languages: wanted)
    }

    /// The text in `image`, or nil when it was not read: `mode` is `.off`, or `.auto`
    /// and the picture shows no sign of text (`TextLikelihood`).
    ///
    /// A picture that was read but holds nothing credible gives `RecognizedText.empty`.
    public func recognize(_ image: RGBImage, mode: OCRMode = .auto) throws(OCRError) -> RecognizedText? {
        switch mode {
        case .off:
            return nil
        case .auto:
            let likelihood = TextLikelihood.measure(image)
            return likelihood.isLikely ? try read(image, lines: likelihood.lines) : nil
        case .on:
            return try read(image, lines: TextLikelihood.measure(image).lines)
        }
    }

    /// Reads `image`: the `lines` found in it on a clean page when there are any, the
    /// picture itself in grey when not.
    func read(_ image: RGBImage, lines: [TextLineBox]) throws(OCRError) -> RecognizedText {
        let scale = Self.readingScale(width: image.width, height: image.height, lines: lines)
        let gray = GrayImage(image, scale: scale)
        guard min(gray.width, gray.height) >= 10 else { return .empty }
        let page = TextCanvas.make(gray, lines: lines.map { $0.scaled(by: scale) }) ?? gray
        let words = try pool.withEngine { $0.read(page) }
        return RecognizedText(lines: words)
    }

    /// How much to scale a picture before reading it: down to `maximumSide`, up (at
    /// most 3×) until its median line is `minimumLetterHeight` tall, or a small
    /// picture with no lines found until its longer side is 600 pixels.
    static func readingScale(width: Int, height: Int, lines: [TextLineBox]) -> Double {
        let longer = Double(max(width, height))
        let ceiling = min(3, Double(maximumSide) / longer)
        let heights = lines.map(\.thickness).sorted()
        let wanted: Double
        if heights.isEmpty {
            wanted = max(1, 600 / longer)
        } else {
            wanted = max(1, minimumLetterHeight / heights[heights.count / 2])
        }
        return min(wanted, ceiling)
    }
}
