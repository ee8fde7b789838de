// Written by eval/fit_rerank.py — do not edit by hand; run `make fit` to refit.
// Placeholder weights until the first fit.

extension RerankModel {
    /// The model for searches where a meaning channel ran.
    public static let full = RerankModel(
        name: "full", intercept: -4.0,
        weights: [
            .bm25: 1.0, .coverage: 2.0, .titleCoverage: 0.5, .phrase: 0.5, .meaning: 3.0, .picture: 3.0, .fusion: 1.0,
            .kind: 0.8, .date: 0.8, .camera: 0.8, .quoted: 1.0,
        ])

    /// The model for searches by words alone.
    public static let words = RerankModel(
        name: "words", intercept: -3.5,
        weights: [
            .bm25: 2.0, .coverage: 2.5, .titleCoverage: 0.5, .phrase: 0.5, .fusion: 0.5, .kind: 0.8, .date: 0.8,
            .camera: 0.8, .quoted: 1.0,
        ])
}
