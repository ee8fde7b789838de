@testable import MLibSearch
import Testing

@Suite struct FusionTests {
    static let query = RecallQuery(text: "q", analyzed: QueryAnalyzer.analyze("q"), kind: nil, requireAllWords: false)

    /// Candidates as recall merges them: words found 1, 2, 3; meaning found 2, 4.
    static let candidates: [Candidate] = {
        var byItem: [Int64: Candidate] = [:]
        for (rank, (item, score)) in [(Int64(1), 9.0), (2, 5), (3, 1)].enumerated() {
            byItem[item, default: Candidate(itemID: item)].matches["words"] = ChannelMatch(itemID: item, score: score)
            byItem[item]!.ranks["words"] = rank
        }
        for (rank, (item, score)) in [(Int64(2), 0.8), (4, 0.7)].enumerated() {
            byItem[item, default: Candidate(itemID: item)].matches["text:m"] = ChannelMatch(itemID: item, score: score)
            byItem[item]!.ranks["text:m"] = rank
        }
        return byItem.values.sorted { $0.itemID < $1.itemID }
    }()

    @Test func itemsFoundBothWaysRankFirstThenByTheirBestRank() {
        let fused = FusionRanking().rank(Self.candidates, channels: ["words", "text:m"], query: Self.query)
        #expect(fused.map(\.itemID) == [2, 1, 4, 3])
        // Rank 2 in words and rank 1 in meaning, against first in both.
        #expect(abs(fused[0].score - (1.0 / 62 + 1.0 / 61) / (2.0 / 61)) < 1e-12)
        #expect(fused.allSatisfy { $0.score > 0 && $0.score <= 1 })
        #expect(zip(fused, fused.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func aSingleChannelKeepsItsOwnOrderAndScores() {
        let words = FusionRanking().rank(Self.candidates.filter { $0.matches["words"] != nil }, channels: ["words"], query: Self.query)
        #expect(words.map(\.itemID) == [1, 2, 3])
        #expect(words.map(\.score) == [9, 5, 1])
    }

    @Test func anExactWordMatchWinsATieWithAMatchByMeaningAlone() {
        // A rare word's only note is first by words; a neighbour is first by meaning.
        let byWords = Candidate(itemID: 9, matches: ["words": ChannelMatch(itemID: 9, score: 3)], ranks: ["words": 0])
        let byMeaning = Candidate(itemID: 1, matches: ["text:m": ChannelMatch(itemID: 1, score: 0.5)], ranks: ["text:m": 0])
        for order in [[byWords, byMeaning], [byMeaning, byWords]] {
            let fused = FusionRanking().rank(order, channels: ["words", "text:m"], query: Self.query)
            #expect(fused.map(\.itemID) == [9, 1])
            #expect(fused[0].score == fused[1].score)
        }
    }
}
