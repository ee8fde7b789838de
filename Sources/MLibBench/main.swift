// mlib-bench: micro-benchmarks of mlib's parts (vector search, the inference engine,
// picture and video decoding, and the rerank on a library file). `make bench` runs
// it; see BENCHMARKS.md.
//
//   mlib-bench knn --count N --dimension D --queries Q --precision float32|float16|int8
//                  [--seed S] [--k K] [--rescore F]
//   mlib-bench embed MODEL_DIR --tokens T [--batch B] [--batches N]
//   mlib-bench clip MODEL_DIR --pixels FILE --texts FILE [--expect FILE] [--towers T] [--items N] [--batch B]
//   mlib-bench pictures [--jpegs DIR] [--pngs DIR] [--video FILE] [--fps F]
//   mlib-bench ocr FOLDER --mode auto|on [--languages eng,deu] [--verbose]
//   mlib-bench rerank --library L --queries F [--model DIR] [--limit N] [--rounds R] [--no-parts]
//
// prints one JSON line: {"count":…,"p50_ms":…,"p95_ms":…,"recall_at_50":…,…}.
// Vectors and queries come from SplitMix64 (`bench/knn.py` regenerates the very same
// ones with numpy), uniform in [-1, 1) per element, then L2-normalised in double.
import Dispatch
import Foundation
import MLibStore

/// A failure to report on stderr with the usage, exiting with status 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

let usage = """
    usage: mlib-bench knn --count N --dimension D --queries Q --precision float32|float16|int8 \
    [--seed S] [--k K] [--rescore F]
           mlib-bench embed MODEL_DIR --tokens T [--batch B] [--batches N]
           mlib-bench clip MODEL_DIR --pixels FILE --texts FILE [--expect FILE] [--towers text|image|both] [--items N] [--batch B]
           mlib-bench pictures [--jpegs DIR] [--pngs DIR] [--video FILE] [--fps F]
           mlib-bench ocr FOLDER --mode auto|on [--languages eng,deu] [--verbose]
           mlib-bench rerank --library L --queries F [--model DIR] [--limit N] [--rounds R] [--no-parts]
    """

/// The SplitMix64 stream shared with bench/knn.py: output n (from 1) is mix(seed + n·γ).
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A float in [-1, 1) from the top 24 bits, exact in float32 (so numpy agrees).
    mutating func nextUnit() -> Float {
        Float(next() >> 40) * 0x1p-23 - 1
    }

    /// A vector of `dimension` uniform elements, L2-normalised in double precision.
    mutating func nextVector(_ dimension: Int) -> [Float] {
        let raw = (0..<dimension).map { _ in nextUnit() }
        let norm = raw.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        return raw.map { Float(Double($0) / norm) }
    }
}

/// Options of `mlib-bench knn`.
struct KNNOptions {
    var count = 100_000
    var dimension = 384
    var queries = 200
    var precision = VectorPrecision.float32
    var seed: UInt64 = 42
    var k = 50
    var rescore = 8

    init(_ arguments: ArraySlice<String>) throws {
        var rest = arguments
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            switch flag {
            case "--count": count = try Self.number(value, flag)
            case "--dimension": dimension = try Self.number(value, flag)
            case "--queries": queries = try Self.number(value, flag)
            case "--k": k = try Self.number(value, flag)
            case "--rescore": rescore = try Self.number(value, flag)
            case "--seed":
                guard let seed = UInt64(value) else { throw UsageError(description: "--seed takes an unsigned integer") }
                self.seed = seed
            case "--precision":
                guard let precision = VectorPrecision(rawValue: value) else {
                    throw UsageError(description: "--precision is float32, float16 or int8, not \(value)")
                }
                self.precision = precision
            default:
                throw UsageError(description: "unknown option \(flag)")
            }
        }
    }

    private static func number(_ text: String, _ flag: String) throws -> Int {
        guard let value = Int(text), value > 0 else { throw UsageError(description: "\(flag) takes a positive integer") }
        return value
    }
}

/// Nearest-rank percentile of sorted values.
func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    let rank = Int((fraction * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
}

func milliseconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) * 1e3 + Double(parts.attoseconds) * 1e-15
}

func runKNN(_ options: KNNOptions) {
    let clock = ContinuousClock()
    var generator = SplitMix64(state: options.seed)
    let index = VectorIndex(dimension: options.dimension, precision: options.precision, rescoreFactor: options.rescore)
    index.reserveCapacity(options.count)
    let loadStart = clock.now
    for id in 0..<options.count {
        index.upsert(id: Int64(id), vector: generator.nextVector(options.dimension))
    }
    let loadTime = clock.now - loadStart
    let queries = (0..<options.queries).map { _ in generator.nextVector(options.dimension) }

    for query in queries.prefix(3) { _ = index.search(query, k: options.k) }
    var latencies: [Double] = []
    var results: [[VectorMatch]] = []
    for query in queries {
        let start = clock.now
        let matches = index.search(query, k: options.k)
        latencies.append(milliseconds(clock.now - start))
        results.append(matches)
    }
    latencies.sort()

    // Recall of what the index returned against exact float32 search, at 50 (or k).
    let depth = min(50, options.k)
    var found = 0
    var wanted = 0
    for (query, matches) in zip(queries, results) {
        let truth = Set(index.exactSearch(query, k: depth).map(\.id))
        found += matches.prefix(depth).filter { truth.contains($0.id) }.count
        wanted += truth.count
    }
    let top1Sum = results.reduce(Int64(0)) { $0 + ($1.first?.id ?? 0) }

    let fields: [(String, String)] = [
        ("engine", "\"mlib\""),
        ("precision", "\"\(options.precision.rawValue)\""),
        ("count", "\(options.count)"),
        ("dimension", "\(options.dimension)"),
        ("queries", "\(options.queries)"),
        ("k", "\(options.k)"),
        ("rescore", "\(options.rescore)"),
        ("p50_ms", String(format: "%.3f", percentile(latencies, 0.50))),
        ("p95_ms", String(format: "%.3f", percentile(latencies, 0.95))),
        ("mean_ms", String(format: "%.3f", latencies.reduce(0, +) / Double(latencies.count))),
        ("recall_at_50", String(format: "%.4f", wanted == 0 ? 1 : Double(found) / Double(wanted))),
        ("top1_id_sum", "\(top1Sum)"),
        ("load_s", String(format: "%.2f", milliseconds(loadTime) / 1e3)),
    ]
    print("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
}

let arguments = CommandLine.arguments.dropFirst()
do {
    switch arguments.first {
    case "knn":
        runKNN(try KNNOptions(arguments.dropFirst()))
    case "embed":
        try EmbedBenchmark.run(arguments.dropFirst())
    case "clip":
        try CLIPBenchmark.run(arguments.dropFirst())
    case "pictures":
        try PicturesBenchmark.run(arguments.dropFirst())
    case "ocr":
        try OCRBenchmark.run(arguments.dropFirst())
    case "rerank":
        try RerankBenchmark.run(arguments.dropFirst())
    default:
        throw UsageError(description: "choose a benchmark")
    }
} catch {
    FileHandle.standardError.write(Data("mlib-bench: \(error)\n\(usage)\n".utf8))
    exit(2)
}
