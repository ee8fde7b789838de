@testable import MLibSearch
import MLibStore
import Testing

@Suite struct FusionTests {
    let keyword = [FullTextMatch(itemID: 1, score: 9), FullTextMatch(itemID: 2, score: 5), FullTextMatch(itemID: 3, score: 1)]
    let semantic = [
        SemanticIndex.ItemMatch(itemID: 2, segmentID: 20, score: 0.8),
        SemanticIndex.ItemMatch(itemID: 4, segmentID: 40, score: 0.7),
    ]

    @Test func itemsFoundBothWaysRankFirstThenByTheirBestRank() {
        let fused = SearchEngine.fuse(keyword: keyword, semantic: semantic, mode: .hybrid, limit: 10)
        #expect(fused.map(\.itemID) == [2, 1, 4, 3])
        #expect(fused[0].keyword != nil && fused[0].semantic != nil)
        #expect(abs(fused[0].score - (1.0 / 62 + 1.0 / 61)) < 1e-12)
        #expect(zip(fused, fused.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func singleModesKeepTheirOwnOrderAndScores() {
        #expect(SearchEngine.fuse(keyword: keyword, semantic: semantic, mode: .keyword, limit: 2).map(\.itemID) == [1, 2])
        let meaning = SearchEngine.fuse(keyword: keyword, semantic: semantic, mode: .semantic, limit: 10)
        #expect(meaning.map(\.itemID) == [2, 4])
        #expect(meaning.map(\.score) == [0.8, 0.7])
    }

    @Test func theLimitCutsTheFusedList() {
        #expect(SearchEngine.fuse(keyword: keyword, semantic: semantic, mode: .hybrid, limit: 1).map(\.itemID) == [2])
    }
}
