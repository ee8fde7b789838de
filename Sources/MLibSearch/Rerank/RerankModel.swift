import Foundation
public import MLibCore

/// A logistic model that turns a candidate's features into the probability that it is
/// what the query asked for: `σ(intercept + Σ weight · value)`.
///
/// Its weights are fitted on the labelled queries in `eval/` by `eval/fit_rerank.py`,
/// which writes `RerankModel+Fitted.swift`; the fit's held-out calibration is in
/// BENCHMARKS.md. A probability from it means what it says on queries like those:
/// 0.9 is right about nine times in ten.
public struct RerankModel: Sendable, Hashable {
    /// `full` (words and meaning) or `words` (no meaning channel ran).
    public var name: String
    public var intercept: Double
    /// By feature; a feature without a weight adds nothing.
    public var weights: [RerankFeature: Double]

    public init(name: String, intercept: Double, weights: [RerankFeature: Double]) {
        self.name = name
        self.intercept = intercept
        self.weights = weights
    }

    /// The log-odds of relevance.
    public func logit(_ features: RerankFeatures) -> Double {
        RerankFeature.allCases.reduce(intercept) { $0 + (weights[$1] ?? 0) * features[$1] }
    }

    /// The probability of relevance, 0...1.
    public func probability(_ features: RerankFeatures) -> Double {
        Self.sigmoid(logit(features))
    }

    /// Each weighed feature's value and what it added to the log-odds, largest effect first.
    public func components(_ features: RerankFeatures) -> [RerankExplanation.Component] {
        RerankFeature.allCases.compactMap { feature in
            guard let weight = weights[feature], weight != 0 else { return nil }
            return RerankExplanation.Component(name: feature.rawValue, value: features[feature], contribution: weight * features[feature])
        }.sorted { abs($0.contribution) > abs($1.contribution) }
    }

    public static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }

    public static func logit(ofProbability p: Double) -> Double {
        let clamped = min(max(p, 1e-6), 1 - 1e-6)
        return log(clamped / (1 - clamped))
    }
}
