import CTesseract
import Foundation

/// One TessBaseAPI: Tesseract's state for reading one picture at a time in the
/// languages it was started with.
///
/// `@unchecked Sendable`: a TessBaseAPI must never be used by two threads at once.
/// `TesseractPool` lends each engine to one caller at a time, so an engine only moves
/// between threads between uses, under the pool's lock.
final class TesseractEngine: @unchecked Sendable {
    /// Longest Tesseract may spend on one picture before it stops and returns what it has.
    static let deadlineMilliseconds: Int32 = 20_000

    private let handle: OpaquePointer

    /// Starts Tesseract with `languages` (data in `dataFolder`). Takes 0.1–0.5 s per
    /// language, mostly reading the model.
    init(dataFolder: String, languages: [String]) throws(OCRError) {
        try TesseractLibrary.load()
        guard let handle = mlib_TessBaseAPICreate() else {
            throw OCRError(.engineFailed, detail: "tesseract could not create an engine")
        }
        self.handle = handle
        let language = languages.joined(separator: "+")
        // The LSTM engine is the one Tesseract 4 and 5 data is made for; data made
        // only for the old engine falls back to whatever it supports.
        if Self.start(handle, dataFolder: dataFolder, language: language, mode: OEM_LSTM_ONLY) != 0,
            Self.start(handle, dataFolder: dataFolder, language: language, mode: OEM_DEFAULT) != 0
        {
            mlib_TessBaseAPIDelete(handle)
            throw OCRError(
                .engineFailed,
                detail: "tesseract could not start with '\(language)' from \(dataFolder); reinstall its tesseract-ocr-* packages")
        }
        mlib_TessBaseAPISetPageSegMode(handle, PSM_AUTO)
    }

    deinit {
        mlib_TessBaseAPIEnd(handle)
        mlib_TessBaseAPIDelete(handle)
    }

    /// Tesseract's Init4, with its chatter on stderr sent to /dev/null (set before the
    /// data loads, so even its complaints about the data stay off the terminal).
    private static func start(_ handle: OpaquePointer, dataFolder: String, language: String, mode: TessOcrEngineMode) -> Int32 {
        let names = [strdup("debug_file"), strdup("tessedit_do_invert")]
        let values = [strdup("/dev/null"), strdup("0")]
        defer { (names + values).forEach { free($0) } }
        var namePointers = names
        var valuePointers = values
        return namePointers.withUnsafeMutableBufferPointer { names in
            valuePointers.withUnsafeMutableBufferPointer { values in
                mlib_TessBaseAPIInit4(handle, dataFolder, language, mode, nil, 0, names.baseAddress, values.baseAddress, names.count, 0)
            }
        }
    }

    /// How Tesseract is to find the text in a picture it is given.
    enum Layout: Sendable {
        /// Anywhere, in blocks and columns it works out itself (a whole picture).
        case page
        /// In one line across the picture (a line `TextCanvas` cut out).
        case line

        var mode: TessPageSegMode { self == .page ? PSM_AUTO : PSM_SINGLE_LINE }
    }

    /// The words Tesseract reads in `image`, line by line, in reading order.
    func read(_ image: GrayImage, layout: Layout = .page) -> [[OCRWord]] {
        defer { mlib_TessBaseAPIClear(handle) }
        mlib_TessBaseAPISetPageSegMode(handle, layout.mode)
        image.pixels.withUnsafeBufferPointer { pixels in
            // Tesseract copies the pixels here.
            mlib_TessBaseAPISetImage(handle, pixels.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
        }
        mlib_TessBaseAPISetSourceResolution(handle, 300)
        let monitor = mlib_TessMonitorCreate()
        if let monitor { mlib_TessMonitorSetDeadlineMSecs(monitor, Self.deadlineMilliseconds) }
        let status = mlib_TessBaseAPIRecognize(handle, monitor)
        if let monitor { mlib_TessMonitorDelete(monitor) }
        guard status == 0, let iterator = mlib_TessBaseAPIGetIterator(handle) else { return [] }
        defer { mlib_TessResultIteratorDelete(iterator) }
        let page = mlib_TessResultIteratorGetPageIteratorConst(iterator)
        var lines: [[OCRWord]] = []
        repeat {
            guard let text = mlib_TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let word = OCRWord(text: String(cString: text), confidence: Double(mlib_TessResultIteratorConfidence(iterator, RIL_WORD)))
            mlib_TessDeleteText(text)
            if lines.isEmpty || (page.map { mlib_TessPageIteratorIsAtBeginningOf($0, RIL_TEXTLINE) != 0 } ?? false) {
                lines.append([])
            }
            lines[lines.count - 1].append(word)
        } while mlib_TessResultIteratorNext(iterator, RIL_WORD) != 0
        return lines
    }
}
