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
        ("sign-word.jpg", 1), ("street-sign.jpg", 1), ("word-closeup.png", 1),
    ]
    /// Signs as people photograph them: one white word on a dark plate against a pale
    /// sky, and a framed street sign on gravel.
    static let signs = ["sign-word.jpg", "street-sign.jpg"]

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

    @Test("auto reads a one-word sign and a street sign on busy ground, every word", arguments: signs)
    func autoReadsSigns(name: String) throws {
        let recognizer = try OCRFixtures.recognizer.get()
        let text = try #require(try recognizer.recognize(try OCRFixtures.picture(name), mode: .auto), "\(name) was skipped")
        let expected = try #require(OCRFixtures.expectedWords[name])
        #expect(OCRFixtures.overlap(text.text, expected: expected) == 1, "\(name): read \(text.text.debugDescription)")
    }

    @Test("light print filling a picture, where no line is found, is read inverted")
    func closeUpIsReadInverted() throws {
        let recognizer = try OCRFixtures.recognizer.get()
        let closeUp = try OCRFixtures.picture("word-closeup.png")
        #expect(TextLikelihood.measure(closeUp).lines.isEmpty)
        let text = try #require(try recognizer.recognize(closeUp, mode: .on))
        #expect(OCRFixtures.words(text.text) == ["open"], "read \(text.text.debugDescription)")
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

    @Test("nothing is read beside the print: the cat above a caption gives no words")
    func nothingBesideCaption() throws {
        let recognizer = try OCRFixtures.recognizer.get()
        let text = try #require(try recognizer.recognize(try OCRFixtures.picture("caption.jpg"), mode: .on))
        let caption = OCRFixtures.words("Chelsea asleep by the window, winter 2019")
        #expect(OCRFixtures.words(text.text).isSubset(of: caption), "read \(text.text.debugDescription)")
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

    /// How one line is cut out and cleaned before Tesseract reads it.
    struct Canvas {
        /// A 24-pixel line of three H-shaped letters in a box widened by 24 pixels at
        /// each end and 10 above and below, as `TextCanvas.lines` cuts it out (`band`).
        static func line(width: Int = 144, height: Int = 44) -> [Bool] {
            var ink = [Bool](repeating: false, count: width * height)
            for letter in 0..<3 {
                let left = 30 + letter * 30
                for y in 10..<34 {
                    for x in left..<(left + 4) { ink[y * width + x] = true }
                    for x in (left + 14)..<(left + 18) { ink[y * width + x] = true }
                }
                for y in 20..<24 {
                    for x in (left + 4)..<(left + 14) { ink[y * width + x] = true }
                }
            }
            return ink
        }

        /// Where the finder's band was in `line()`.
        static let band = TextLineBox(x: 24, y: 10, width: 96, height: 24, thickness: 24)

        static func count(_ ink: [Bool]) -> Int { ink.count { $0 } }

        @Test("what lies past the line's ends, slivers of the lines above and below and a frame go; the letters stay")
        func clutterGoes() {
            let width = 144
            let height = 44
            let letters = Self.line()
            var ink = letters
            for y in 0..<height {
                for x in 126..<width { ink[y * width + x] = true }  // a pale wall past the plate
            }
            for x in 40..<60 {
                for y in 0..<5 { ink[y * width + x] = true }  // the feet of the line above
            }
            for x in 26..<118 {  // a frame around the letters
                ink[7 * width + x] = true
                ink[36 * width + x] = true
            }
            for y in 7..<37 {
                ink[y * width + 26] = true
                ink[y * width + 117] = true
            }
            TextCanvas.removeClutter(&ink, width: width, height: height, thickness: 24, band: Self.band)
            #expect(ink == letters)
        }

        @Test("full stops, and accents over the letters, stay")
        func punctuationStays() {
            let width = 144
            var ink = Self.line()
            for y in 30..<34 {
                for x in 122..<126 { ink[y * width + x] = true }  // a full stop after the last letter
            }
            for y in 3..<7 {
                for x in 36..<41 { ink[y * width + x] = true }  // an accent over the first letter
            }
            let before = Self.count(ink)
            TextCanvas.removeClutter(&ink, width: width, height: 44, thickness: 24, band: Self.band)
            #expect(Self.count(ink) == before)
        }

        @Test("a pale wall past the ends does not make the letters' strokes look wide")
        func wallDoesNotWidenStrokes() {
            // One bold H (10-pixel strokes), and wall 30 pixels deep past both ends in every row.
            let width = 120
            let height = 44
            var ink = [Bool](repeating: false, count: width * height)
            for y in 10..<34 {
                for x in 45..<55 { ink[y * width + x] = true }
                for x in 65..<75 { ink[y * width + x] = true }
            }
            for y in 18..<26 {
                for x in 55..<65 { ink[y * width + x] = true }
            }
            let letter = ink
            for y in 0..<height {
                for x in 0..<30 { ink[y * width + x] = true }
                for x in 90..<width { ink[y * width + x] = true }
            }
            TextCanvas.removeThinStrokes(&ink, width: width, height: height)
            #expect((0..<(width * height)).allSatisfy { !letter[$0] || ink[$0] }, "the letter lost ink")
        }
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
