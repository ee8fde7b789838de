// Written by eval/fit_rerank.py from the labelled set in eval/ — do not edit by hand;
// `make fit` refits. Held-out calibration: `make eval` and BENCHMARKS.md.

extension RerankModel {
    /// The model for searches where a meaning channel ran; `picture` borrows `meaning`'s weight.
    /// Fitted on 155 queries, 4053 candidates (204 relevant).
    public static let full = RerankModel(
        name: "full", intercept: -5.2579,
        weights: [
            .bm25: 2.3464,
            .coverage: 2.0557,
            .titleCoverage: -2.3764,
            .phrase: 0.0556,
            .meaning: 4.6017,
            .fusion: 2.9968,
            .kind: 0.0000,
            .date: 0.0000,
            .camera: 0.0000,
            .quoted: 0.0000,
            .picture: 4.6017,
        ])

    /// The model for searches by words alone.
    /// Fitted on 155 queries, 226 candidates (83 relevant).
    public static let words = RerankModel(
        name: "words", intercept: -5.8048,
        weights: [
            .bm25: 4.1750,
            .coverage: 2.8717,
            .titleCoverage: -0.1034,
            .phrase: 1.0290,
            .fusion: 1.2993,
            .kind: 0.0000,
            .date: 0.0000,
            .camera: 0.0000,
            .quoted: 0.0000,
        ])

    /// The model for `mlib rerank`: documents judged by their own text and pictures, with no recall to lean on.
    /// Fitted on 155 queries, 4053 candidates (204 relevant).
    public static let documents = RerankModel(
        name: "documents", intercept: -4.8958,
        weights: [
            .coverage: 4.6137,
            .phrase: 0.1330,
            .meaning: 4.8381,
            .quoted: 0.0000,
            .picture: 4.8381,
        ])
}
