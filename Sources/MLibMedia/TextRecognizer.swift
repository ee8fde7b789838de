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
    /// Words read among bands that may as well be texture are kept only when Tesseract
    /// is this sure of them (0–100): print there is read at 94–96, while what it makes
    /// of fur, gravel or a cat's ear reaches 70–88.
    static let unsureConfidenceFloor = 90.0

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

    /// Reads `image`: the `lines` found in it when there are any, those surely print
    /// (`TextCanvas.Line.isPrint`) each on a clean page of its own, the others (bands
    /// that may as well be texture) together on one, where Tesseract's layout analysis
    /// sorts them out (read alone, texture is read as some word); the picture itself in
    /// grey when there are none.
    func read(_ image: RGBImage, lines: [TextLineBox]) throws(OCRError) -> RecognizedText {
        let scale = Self.readingScale(width: image.width, height: image.height, lines: lines)
        let gray = GrayImage(image, scale: scale)
        guard min(gray.width, gray.height) >= 10 else { return .empty }
        let cut = TextCanvas.lines(gray, lines: lines.map { $0.scaled(by: scale) })
        return try pool.withEngine { engine in
            if cut.isEmpty { return Self.readWhole(gray, engine: engine) }
            var words = cut.filter(\.isPrint).flatMap { Self.read($0, engine: engine) }
            let others = cut.filter { !$0.isPrint }
            if let page = TextCanvas.page(of: others, width: gray.width, height: gray.height) {
                words += engine.read(page, layout: .page).map { $0.filter { $0.confidence >= Self.unsureConfidenceFloor } }
            }
            return RecognizedText(lines: words)
        }
    }

    /// The words of one cut-out line: as its ink was judged or, when that reads as
    /// nothing credible, the other way round (print the judge took for the
    /// background), if that reads as something.
    static func read(_ line: TextCanvas.Line, engine: TesseractEngine) -> [[OCRWord]] {
        let first = line.page().map { engine.read($0, layout: .line) } ?? []
        guard RecognizedText(lines: first).isEmpty, let inverted = line.page(inverted: true) else { return first }
        let second = engine.read(inverted, layout: .line)
        return RecognizedText(lines: second).isEmpty ? first : second
    }

    /// The words of a picture no line was found in, in grey, inverted when it is mostly
    /// dark: with its own inversion turned off, Tesseract reads dark print on light
    /// paper only, and light print on a dark ground is as common on signs, posters and
    /// screens. A picture the finder saw no line in is mostly the ground of its print
    /// when it has any (letters too tall for a line, a sign seen up close), so whether
    /// most of its pixels are dark tells which way round to read it, once.
    static func readWhole(_ gray: GrayImage, engine: TesseractEngine) -> RecognizedText {
        var darker = 0
        for value in gray.pixels where value < 128 { darker += 1 }
        guard 2 * darker > gray.pixels.count else { return RecognizedText(lines: engine.read(gray, layout: .page)) }
        let inverted = GrayImage(width: gray.width, height: gray.height, pixels: gray.pixels.map { 255 - $0 })
        return RecognizedText(lines: engine.read(inverted, layout: .page))
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
