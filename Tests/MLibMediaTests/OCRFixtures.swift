import Foundation
import MLibCore
import MLibMedia
import MLibTestSupport

/// The pictures in `Tests/Fixtures/ocr` (made by its `make.sh`) and the words each shows.
enum OCRFixtures {
    static let textPictures = ["poster.png", "sign.jpg", "screenshot.png", "caption.jpg"]
    /// Photos of people, food, animals, a launch pad and a wall: no text.
    static let photos = ["photo-astronaut.jpg", "photo-coffee.jpg", "photo-chelsea.jpg", "photo-rocket.jpg", "photo-brick.jpg"]
    /// Close-ups of grass and gravel, the textures most like print.
    static let textures = ["photo-grass.jpg", "photo-gravel.jpg"]

    /// The words `make.py` drew in each picture, lower case.
    static let expectedWords: [String: [String]] = {
        guard let data = FileManager.default.contents(atPath: Fixtures.path("ocr/expected.json")),
            let words = try? JSONDecoder().decode([String: [String]].self, from: data)
        else { return [:] }
        return words
    }()

    static func picture(_ name: String) throws -> RGBImage {
        try ReferencePicture.load(Fixtures.path("ocr/" + name))
    }

    /// One recognizer for every test, as ingest shares one between its threads.
    static let recognizer = Result { () throws(OCRError) in try TextRecognizer(languages: ["eng"]) }

    /// The lower-case words of `text`, split at anything but letters and digits.
    static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init))
    }

    /// The share of `expected` found among the words of `text`.
    static func overlap(_ text: String, expected: [String]) -> Double {
        let found = words(text)
        return Double(expected.filter(found.contains).count) / Double(max(1, expected.count))
    }
}
