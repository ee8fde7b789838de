import Dispatch
import Foundation
import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

struct TextRecognizerTests {
    /// The least share of each picture's words that must be read. The poster's
    /// decorative circles cross its letters and the sign's first word merges with the
    /// clutter beside it, so those two are read in part.
    static let readable: [(String, Double)] = [
        ("poster.png", 0.6), ("sign.jpg", 0.6), ("screenshot.png", 0.9), ("caption.jpg", 0.8),
    ]

    @Test("the words in posters, signs, screenshots and captions are read", arguments: readable)
    func readsWords(name: String, share: Double) throws {
        let recognizer = try OCRFixtures.recognizer.get()
        let text = try #require(try recognizer.recognize(try OCRFixtures.picture(name), mode: .on))
        let expected = try #require(OCRFixtures.expectedWords[name])
        let overlap = OCRFixtures.overlap(text.text, expected: expected)
        #expect(overlap >= share, "\(name): read \(text.text.debugDescription)")
        #expect(text.confidence >= 0.7 && text.confidence <= 1)
    }

    @Test("auto reads pictures with text", arguments: OCRFixtures.textPictures)
    func autoReadsText(name: String) throws {
        let recognizer = try OCRFixtures.recognizer.get()
        let text = try recognizer.recognize(try OCRFixtures.picture(name), mode: .auto)
        #expect(text?.isEmpty == false, "\(name) was skipped or read as nothing")
    }

    @Test("auto skips photos without text", arguments: OCRFixtures.photos)
    func autoSkipsPhotos(name: String) throws {
        let recognizer = try OCRFixtures.recognizer.get()
        #expect(try recognizer.recognize(try OCRFixtures.picture(name), mode: .auto) == nil)
    }

    @Test("no words are made up in photos, even when OCR is forced", arguments: OCRFixtures.photos + OCRFixtures.textures)
    func nothingInPhotos(name: String) throws {
        let recognizer = try OCRFixtures.recognizer.get()
        let text = try recognizer.recognize(try OCRFixtures.picture(name), mode: .on)
        #expect(text == .empty, "\(name): read \(text?.text.debugDescription ?? "nil")")
    }

    @Test("off reads nothing")
    func offReadsNothing() throws {
        let recognizer = try OCRFixtures.recognizer.get()
        #expect(try recognizer.recognize(try OCRFixtures.picture("caption.jpg"), mode: .off) == nil)
    }

    @Test("a blank, a one-pixel and a hair-thin picture give no text")
    func degeneratePictures() throws {
        let recognizer = try OCRFixtures.recognizer.get()
        let pictures = [
            RGBImage(width: 800, height: 600, filledWith: (255, 255, 255)),
            RGBImage(width: 1, height: 1, filledWith: (0, 0, 0)),
            RGBImage(width: 12_000, height: 3, filledWith: (40, 90, 200)),
        ]
        for picture in pictures {
            #expect(try recognizer.recognize(picture, mode: .on) == .empty)
            #expect(try recognizer.recognize(picture, mode: .auto) == nil)
        }
    }

    @Test("a huge picture is shrunk before it is read, and its caption still is")
    func hugePicture() throws {
        let recognizer = try OCRFixtures.recognizer.get()
        let caption = try OCRFixtures.picture("caption.jpg")
        let huge = Self.enlarged(caption, by: 3)  // 4059×2700
        let text = try #require(try recognizer.recognize(huge, mode: .auto))
        #expect(OCRFixtures.overlap(text.text, expected: OCRFixtures.expectedWords["caption.jpg"] ?? []) >= 0.8)
        #expect(TextRecognizer.readingScale(width: huge.width, height: huge.height, lines: []) * Double(huge.width) <= 2400)
    }

    @Test("threads share one recognizer and read what one thread reads")
    func concurrentReading() throws {
        let recognizer = try OCRFixtures.recognizer.get()
        let pictures = try ["caption.jpg", "poster.png", "sign.jpg"].map(OCRFixtures.picture)
        let alone = try pictures.map { try recognizer.recognize($0, mode: .on) }
        let together = Locked([RecognizedText?](repeating: nil, count: 6))
        DispatchQueue.concurrentPerform(iterations: 6) { index in
            let text = try? recognizer.recognize(pictures[index % 3], mode: .on)
            together.update { $0[index] = text }
        }
        #expect(together.value == alone + alone)
    }

    @Test("every installed language is read by default, English first, without osd")
    func defaultLanguages() throws {
        let recognizer = try TextRecognizer()
        #expect(recognizer.languages.first == "eng")
        #expect(!recognizer.languages.contains("osd"))
        #expect(FileManager.default.fileExists(atPath: recognizer.dataFolder + "/eng.traineddata"))
    }

    @Test("a language that is not installed is a clear error naming its package")
    func missingLanguage() throws {
        let error = #expect(throws: OCRError.self) { try TextRecognizer(languages: ["eng", "xyz"]) }
        #expect(error?.code == .languageMissing)
        #expect(error?.description.contains("'xyz'") == true)
        #expect(error?.description.contains("apt-get install tesseract-ocr-xyz") == true)
    }

    @Test("a data folder without language data is a clear error naming the folder")
    func emptyDataFolder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let error = #expect(throws: OCRError.self) { try TextRecognizer(dataFolder: folder.path) }
        #expect(error?.code == .languageMissing)
        #expect(error?.description.contains(folder.path) == true)
    }

    @Test("a missing library says what to install")
    func missingLibraryMessage() {
        // The library is loaded once per process, so the test process cannot lose it;
        // this checks the words a user without it sees.
        let error = OCRError.libraryMissing("libtesseract.so.5: cannot open shared object file")
        #expect(error.code == .libraryMissing)
        #expect(error.description.contains("apt-get install libtesseract5 tesseract-ocr-eng"))
        #expect(!error.description.contains("\n"))
    }

    /// `picture`, each pixel repeated `factor` times across and down.
    static func enlarged(_ picture: RGBImage, by factor: Int) -> RGBImage {
        let width = picture.width * factor
        var pixels = [UInt8](repeating: 0, count: width * picture.height * factor * 3)
        for y in 0..<(picture.height * factor) {
            for x in 0..<width {
                let source = ((y / factor) * picture.width + x / factor) * 3
                let target = (y * width + x) * 3
                pixels[target] = picture.pixels[source]
                pixels[target + 1] = picture.pixels[source + 1]
                pixels[target + 2] = picture.pixels[source + 2]
            }
        }
        return RGBImage(width: width, height: picture.height * factor, pixels: pixels)
    }
}

/// A value several threads write to, one at a time.
final class Locked<Value: Sendable>: @unchecked Sendable {
    // `stored` is only touched with `lock` held.
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
