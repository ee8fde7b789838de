import Foundation
import MLibCore
import MLibSearch
import Testing

/// The logistic models that turn a candidate's features into the probability that it
/// is what the query asked for.
@Suite struct RerankModelTests {
    static func features(_ values: [RerankFeature: Double]) -> RerankFeatures {
        var features = RerankFeatures()
        for (feature, value) in values { features[feature] = value }
        return features
    }

    static let small = RerankModel(name: "small", intercept: -1.5, weights: [.coverage: 2, .titleCoverage: -0.5, .meaning: 3])

    @Test func theProbabilityIsTheSigmoidOfInterceptPlusWeighedFeatures() {
        let features = Self.features([.coverage: 0.5, .titleCoverage: 1, .meaning: 0.25, .bm25: 0.9])
        // bm25 has no weight in this model: it adds nothing.
        let logit = -1.5 + 2 * 0.5 - 0.5 * 1 + 3 * 0.25
        #expect(abs(Self.small.logit(features) - logit) < 1e-12)
        #expect(abs(Self.small.probability(features) - 1 / (1 + exp(-logit))) < 1e-12)
        #expect(abs(Self.small.probability(RerankFeatures()) - 1 / (1 + exp(1.5))) < 1e-12)
    }

    @Test(arguments: [RerankFeature.coverage, .meaning, .bm25, .fusion, .picture])
    func moreOfAPositivelyWeighedFeatureNeverLowersTheProbability(feature: RerankFeature) throws {
        let weight = try #require(RerankModel.full.weights[feature])
        #expect(weight > 0)
        var previous = -1.0
        for step in 0...15 {
            var features = Self.features([.coverage: 0.5, .meaning: 0.5])
            features[feature] = Double(step) / 10
            let probability = RerankModel.full.probability(features)
            #expect(probability > previous, "\(feature) at \(Double(step) / 10)")
            #expect((0...1).contains(probability))
            previous = probability
        }
    }

    @Test func componentsAreTheWeighedFeaturesLargestEffectFirst() {
        let features = Self.features([.coverage: 0.2, .titleCoverage: 1, .meaning: 0.3, .fusion: 0.7])
        let components = Self.small.components(features)
        #expect(components.map(\.name) == ["meaning", "title_coverage", "coverage"])
        #expect(components.map(\.value) == [0.3, 1, 0.2])
        for component in components {
            let feature = RerankFeature(rawValue: component.name)!
            #expect(abs(component.contribution - Self.small.weights[feature]! * features[feature]) < 1e-12)
        }
        let magnitudes = components.map { abs($0.contribution) }
        #expect(magnitudes == magnitudes.sorted(by: >))
        // A feature without a weight (fusion here) is not a component.
        #expect(!components.contains { $0.name == "fusion" })
        let sum = components.reduce(Self.small.intercept) { $0 + $1.contribution }
        #expect(abs(sum - Self.small.logit(features)) < 1e-12, "the components add up to the log-odds")
    }

    /// What calibration promises at the extremes: a candidate that holds every word,
    /// in its title, as typed, close in meaning and first in both channels is almost
    /// surely right; one that holds nothing is almost surely wrong.
    @Test func theCommittedModelsAreSureAtTheExtremes() {
        let everything = Self.features([.bm25: 0.75, .coverage: 1, .titleCoverage: 1, .phrase: 1, .meaning: 1, .fusion: 1])
        #expect(RerankModel.full.probability(everything) >= 0.9)
        #expect(RerankModel.full.probability(RerankFeatures()) <= 0.05)

        // Words alone are less sure than words and meaning: on the labelled set such
        // candidates were right a little under nine times in ten.
        let byWords = Self.features([.bm25: 0.75, .coverage: 1, .titleCoverage: 1, .phrase: 1, .fusion: 1])
        #expect(RerankModel.words.probability(byWords) >= 0.8)
        #expect(RerankModel.words.probability(byWords) < RerankModel.full.probability(everything))
        #expect(RerankModel.words.probability(RerankFeatures()) <= 0.05)

        let document = Self.features([.coverage: 1, .phrase: 1, .meaning: 1])
        #expect(RerankModel.documents.probability(document) >= 0.9)
        #expect(RerankModel.documents.probability(RerankFeatures()) <= 0.05)
    }

    @Test func aPictureAsCloseAsAPassageCountsTheSameInTheFullModel() {
        let byPicture = RerankModel.full.probability(Self.features([.picture: 0.8]))
        let byMeaning = RerankModel.full.probability(Self.features([.meaning: 0.8]))
        #expect(byPicture == byMeaning)
        #expect(byPicture > RerankModel.full.probability(RerankFeatures()))
    }

    @Test func theSigmoidAndItsInverseStayFiniteAtTheEnds() {
        #expect(RerankModel.sigmoid(-1_000) == 0)
        #expect(RerankModel.sigmoid(1_000) == 1)
        #expect(RerankModel.sigmoid(0) == 0.5)
        for p in [0.01, 0.3, 0.5, 0.77, 0.99] {
            #expect(abs(RerankModel.sigmoid(RerankModel.logit(ofProbability: p)) - p) < 1e-12)
        }
        #expect(RerankModel.logit(ofProbability: 0).isFinite && RerankModel.logit(ofProbability: 1).isFinite)
        #expect(RerankModel.logit(ofProbability: 0) < RerankModel.logit(ofProbability: 0.001))
    }

    @Test func aFeatureThatIsNotANumberCountsAsZero() {
        var features = RerankFeatures()
        features[.meaning] = .nan
        features[.coverage] = .infinity
        #expect(features == RerankFeatures())
        #expect(RerankModel.full.probability(features).isFinite)
    }
}
