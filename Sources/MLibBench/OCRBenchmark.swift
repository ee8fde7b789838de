import Foundation
import MLibCore
import MLibMedia

/// `mlib-bench ocr FOLDER --mode auto|on [--languages eng,deu] [--verbose]`: the cost
/// of reading text in every `.ppm` picture of FOLDER, per picture, and what the
/// `auto` mode's text detector costs on its own. Pictures are binary PPM so that no
/// decoder's time is in the numbers (`bench/ocr.sh` makes them).
enum OCRBenchmark {
    static func run(_ arguments: ArraySlice<String>) throws {
        var rest = arguments
        guard let folder = rest.popFirst() else { throw UsageError(description: "ocr needs a folder of .ppm pictures") }
        var mode = OCRMode.auto
        var languages: [String]?
        var verbose = false
        while let flag = rest.popFirst() {
            switch flag {
            case "--verbose":
                verbose = true
            case "--mode":
                guard let value = rest.popFirst(), let parsed = OCRMode(rawValue: value) else {
                    throw UsageError(description: "--mode is auto, on or off")
                }
                mode = parsed
            case "--languages":
                guard let value = rest.popFirst() else { throw UsageError(description: "--languages needs a list") }
                languages = value.split(separator: ",").map(String.init)
            default:
                throw UsageError(description: "unknown option \(flag)")
            }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".ppm") }.sorted()
        guard !names.isEmpty else { throw UsageError(description: "no .ppm pictures in \(folder)") }
        let pictures = try names.map { try PortablePixmap.read((folder as NSString).appendingPathComponent($0)) }

        let clock = ContinuousClock()
        let startupStart = clock.now
        let recognizer = try TextRecognizer(languages: languages)
        let startup = milliseconds(clock.now - startupStart)

        var detector: [Double] = []
        var total: [Double] = []
        var read = 0
        var withText = 0
        for (name, picture) in zip(names, pictures) {
            let detectStart = clock.now
            let likelihood = TextLikelihood.measure(picture)
            detector.append(milliseconds(clock.now - detectStart))
            let start = clock.now
            let text = try recognizer.recognize(picture, mode: mode)
            total.append(milliseconds(clock.now - start))
            if text != nil { read += 1 }
            if let text, !text.isEmpty { withText += 1 }
            if verbose {
                let shown = (text?.text ?? "-").replacingOccurrences(of: "\n", with: " | ").prefix(100)
                FileHandle.standardError.write(Data(String(
                    format: "%@ %d×%d score %.1f lines %d: %.0f ms, detector %.1f ms: %@\n",
                    name, picture.width, picture.height, likelihood.score, likelihood.lineCount,
                    total.last!, detector.last!, String(shown)).utf8))
            }
        }
        let fields: [(String, String)] = [
            ("folder", "\"\((folder as NSString).lastPathComponent)\""),
            ("mode", "\"\(mode)\""),
            ("languages", "\"\(recognizer.languages.joined(separator: "+"))\""),
            ("images", "\(pictures.count)"),
            ("megapixels_mean", String(format: "%.2f", pictures.reduce(0.0) { $0 + Double($1.width * $1.height) } / Double(pictures.count) / 1e6)),
            ("ms_per_image", String(format: "%.1f", total.reduce(0, +) / Double(total.count))),
            ("p50_ms", String(format: "%.1f", percentile(total.sorted(), 0.5))),
            ("max_ms", String(format: "%.1f", total.max() ?? 0)),
            ("detector_ms_per_image", String(format: "%.2f", detector.reduce(0, +) / Double(detector.count))),
            ("read", "\(read)"),
            ("with_text", "\(withText)"),
            ("startup_ms", String(format: "%.0f", startup)),
        ]
        print("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
    }
}

/// Binary PPM (P6, 8 bits a channel): the simplest file an `RGBImage` can come from.
enum PortablePixmap {
    static func read(_ path: String) throws -> RGBImage {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var bytes = data.makeIterator()
        var offset = 0
        // Header: "P6", width, height, maximum, separated by whitespace (and comments).
        func token() -> String {
            var text = ""
            while let byte = bytes.next() {
                offset += 1
                if byte == UInt8(ascii: "#") {
                    while let skipped = bytes.next() {
                        offset += 1
                        if skipped == UInt8(ascii: "\n") { break }
                    }
                    continue
                }
                if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                    if text.isEmpty { continue }
                    return text
                }
                text.append(Character(UnicodeScalar(byte)))
            }
            return text
        }
        guard token() == "P6", let width = Int(token()), let height = Int(token()), token() == "255",
            width > 0, height > 0, data.count - offset >= width * height * 3
        else { throw UsageError(description: "\(path): not an 8-bit binary PPM") }
        return RGBImage(width: width, height: height, pixels: [UInt8](data[(data.startIndex + offset)...].prefix(width * height * 3)))
    }
}
