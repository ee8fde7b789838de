// Written by eval/fit_rerank.py from the labelled set in eval/ — do not edit by hand;
// `make fit` refits. Held-out calibration: `make eval` and BENCHMARKS.md.

extension RerankModel {
    /// The model for searches where a meaning channel ran; `picture` borrows `meaning`'s weight.
    /// Fitted on 155 queries, 4215 candidates (204 relevant).
    public static let full = RerankModel(
        name: "full", intercept: -5.2043,
        weights: [
            .bm25: 1.2582,
            .coverage: 0.6233,
            .phrase: 0.3252,
            .meaning: 4.4365,
            .fusion: 2.9603,
            .kind: 1.4525,
            .date: 1.0000,
            .camera: 3.0631,
            .quoted: 1.0000,
            .picture: 4.4365,
        ])

    /// The model for searches by words alone.
    /// Fitted on 155 queries, 237 candidates (98 relevant).
    public static let words = RerankModel(
        name: "words", intercept: -5.4065,
        weights: [
            .bm25: 5.4461,
            .coverage: 0.1708,
            .phrase: 1.5114,
            .fusion: 1.6334,
            .kind: 1.0000,
            .date: 1.0000,
            .camera: 1.8367,
            .quoted: 1.0000,
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
