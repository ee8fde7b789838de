// Written by eval/fit_rerank.py from the labelled set in eval/ — do not edit by hand;
// `make fit` refits. Held-out calibration: `make eval` and BENCHMARKS.md.

extension RerankModel {
    /// The model for searches where a meaning channel ran; `picture` borrows `meaning`'s weight.
    /// Fitted on 155 queries, 4215 candidates (204 relevant).
    public static let full = RerankModel(
        name: "full", intercept: -5.3004,
        weights: [
            .bm25: 0.9383,
            .coverage: 0.1398,
            .phrase: 0.5079,
            .meaning: 4.8449,
            .fusion: 2.7122,
            .kind: 1.3296,
            .date: 1.0000,
            .camera: 3.6086,
            .quoted: 1.0000,
            .colour: 2.8841,
            .picture: 4.8449,
        ])

    /// The model for searches by words alone.
    /// Fitted on 155 queries, 237 candidates (98 relevant).
    public static let words = RerankModel(
        name: "words", intercept: -5.5411,
        weights: [
            .bm25: 5.6227,
            .coverage: 0.0933,
            .phrase: 1.5697,
            .fusion: 1.6065,
            .kind: 1.0000,
            .date: 1.0000,
            .camera: 1.8926,
            .quoted: 1.0000,
            .colour: 0.6365,
        ])

    /// The model for `mlib rerank`: documents judged by their own text and pictures, with no recall to lean on.
    /// Fitted on 155 queries, 4215 candidates (204 relevant).
    public static let documents = RerankModel(
        name: "documents", intercept: -4.9314,
        weights: [
            .coverage: 3.1470,
            .phrase: 0.4030,
            .meaning: 4.8641,
            .quoted: 1.0000,
            .picture: 4.8641,
        ])
}
