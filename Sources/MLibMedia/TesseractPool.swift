import Synchronization

/// Tesseract engines for any number of threads: a caller borrows an idle engine, or
/// a new one when all are busy, and gives it back when done.
///
/// Engines are kept once made, so a pool of N ingest threads settles at N engines and
/// no thread waits for another's picture or pays the start-up cost twice.
final class TesseractPool: Sendable {
    private let idle: Mutex<[TesseractEngine]>
    private let dataFolder: String
    private let languages: [String]

    /// A pool with one engine started, so set-up errors surface here, once.
    init(dataFolder: String, languages: [String]) throws(OCRError) {
        self.dataFolder = dataFolder
        self.languages = languages
        idle = Mutex([try TesseractEngine(dataFolder: dataFolder, languages: languages)])
    }

    /// Runs `body` with an engine no other thread is using.
    func withEngine<Result>(_ body: (TesseractEngine) -> Result) throws(OCRError) -> Result {
        let engine: TesseractEngine
        if let borrowed = idle.withLock({ $0.popLast() }) {
            engine = borrowed
        } else {
            engine = try TesseractEngine(dataFolder: dataFolder, languages: languages)
        }
        defer { idle.withLock { $0.append(engine) } }
        return body(engine)
    }
}
