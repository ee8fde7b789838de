import Foundation
import MLibInference

/// `mlib-bench clip MODEL_DIR --pixels FILE --texts FILE [--expect FILE] [--towers text|image|both]
/// [--items N] [--batch B]`:
/// milliseconds per image and per text of a CLIP model, one item at a time and in
/// batches of B, on the pixel_values (float32, `3 × size × size` per image, as many
/// images as the file holds, reused in turn) and texts (one per line) that
/// `bench/clip_reference.py` writes and times PyTorch on. With `--expect`, first
/// checks the vectors of the first images and texts against transformers' (the
/// `expected.json` that script writes) and reports the smallest cosine.
///
/// Prints one JSON line per measurement:
/// `{"engine":"mlib","tower":"image","batch":1,"items":32,"ms_per_item":…}`.
enum CLIPBenchmark {
    static func run(_ arguments: ArraySlice<String>) throws {
        var rest = arguments
        guard let folder = rest.popFirst() else { throw UsageError(description: "clip needs a model folder") }
        var pixelsPath: String?
        var textsPath: String?
        var expectPath: String?
        var towers = "both"
        var items = 32
        var batch = 16
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            switch flag {
            case "--pixels": pixelsPath = value
            case "--texts": textsPath = value
            case "--expect": expectPath = value
            case "--towers":
                guard ["text", "image", "both"].contains(value) else { throw UsageError(description: "--towers is text, image or both") }
                towers = value
            case "--items", "--batch":
                guard let number = Int(value), number > 0 else { throw UsageError(description: "\(flag) takes a positive integer") }
                if flag == "--items" { items = number } else { batch = number }
            default: throw UsageError(description: "unknown option \(flag)")
            }
        }
        guard let pixelsPath, let textsPath else { throw UsageError(description: "clip needs --pixels and --texts") }
        let model: CLIPModel
        do {
            model = try CLIPModel(folder: folder)
        } catch {
            throw UsageError(description: error.description)
        }
        let images = try readImages(pixelsPath, floatsPerImage: model.configuration.vision.pixelCount)
        let texts = try String(contentsOfFile: textsPath, encoding: .utf8).split(separator: "\n").map(String.init)
        guard !texts.isEmpty else { throw UsageError(description: "\(textsPath) holds no texts") }

        let textStart = ContinuousClock.now
        try model.loadTextTower()
        let visionStart = ContinuousClock.now
        try model.loadVisionTower()
        report([
            "tower": "\"load\"", "text_ms": String(format: "%.1f", milliseconds(visionStart - textStart)),
            "image_ms": String(format: "%.1f", milliseconds(ContinuousClock.now - visionStart)),
        ])

        if let expectPath {
            try check(model, images: images, texts: texts, expected: expectPath)
        }
        let imageInputs = (0..<items).map { images[$0 % images.count] }
        let textInputs = (0..<items).map { texts[$0 % texts.count] }
        for size in [1, batch] {
            if towers != "text" {
                let (wall, cpu) = try time(items: items, batch: size) { range in _ = try model.embed(pixelValues: Array(imageInputs[range])) }
                report(["tower": "\"image\"", "batch": "\(size)", "items": "\(items)", "ms_per_item": String(format: "%.2f", wall), "cpu_ms_per_item": String(format: "%.2f", cpu)])
            }
            if towers != "image" {
                let (wall, cpu) = try time(items: items, batch: size) { range in _ = try model.embed(texts: Array(textInputs[range])) }
                report(["tower": "\"text\"", "batch": "\(size)", "items": "\(items)", "ms_per_item": String(format: "%.3f", wall), "cpu_ms_per_item": String(format: "%.3f", cpu)])
            }
        }
    }

    /// Milliseconds per item of `body` over `items` items in batches of `batch`, after
    /// one warm-up batch: wall-clock time, and the CPU time of the process (all its
    /// threads), which a machine busy with other work inflates less.
    private static func time(items: Int, batch: Int, _ body: (Range<Int>) throws -> Void) throws -> (wall: Double, cpu: Double) {
        try body(0..<min(batch, items))
        let start = ContinuousClock.now
        let cpuStart = processorTime()
        var first = 0
        while first < items {
            let end = min(first + batch, items)
            try body(first..<end)
            first = end
        }
        return (milliseconds(ContinuousClock.now - start) / Double(items), (processorTime() - cpuStart) * 1e3 / Double(items))
    }

    /// Seconds of CPU time the process has used.
    private static func processorTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// Reports the smallest cosine between mlib's vectors and transformers' for the
    /// first images and texts.
    private static func check(_ model: CLIPModel, images: [[Float]], texts: [String], expected path: String) throws {
        struct Expected: Decodable {
            var images: [[Float]]
            var texts: [[Float]]
        }
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        let imageVectors = try model.embed(pixelValues: Array(images.prefix(expected.images.count)))
        let textVectors = try model.embed(texts: Array(texts.prefix(expected.texts.count)))
        func cosine(_ a: [Float], _ b: [Float]) -> Float {
            zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / (a.reduce(0) { $0 + $1 * $1 } * b.reduce(0) { $0 + $1 * $1 }).squareRoot()
        }
        let smallest = (Array(zip(imageVectors, expected.images)) + Array(zip(textVectors, expected.texts))).map { cosine($0.0, $0.1) }.min() ?? 0
        report(["tower": "\"check\"", "min_cosine": String(format: "%.6f", smallest)])
    }

    private static func readImages(_ path: String, floatsPerImage: Int) throws -> [[Float]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let floats = data.count / 4
        guard floats >= floatsPerImage, floats % floatsPerImage == 0 else {
            throw UsageError(description: "\(path) holds \(floats) floats, not a whole number of \(floatsPerImage)-float images")
        }
        return data.withUnsafeBytes { raw in
            (0..<(floats / floatsPerImage)).map { image in
                (0..<floatsPerImage).map { index in
                    Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: (image * floatsPerImage + index) * 4, as: UInt32.self)))
                }
            }
        }
    }

    private static func report(_ fields: KeyValuePairs<String, String>) {
        let threads = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "default"
        let body = fields.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",")
        print("{\"engine\":\"mlib\",\"threads\":\"\(threads)\",\(body)}")
    }
}
