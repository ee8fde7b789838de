import MLibCore
@testable import MLibStore
import Testing

/// `itemScores` is how the rerank reads every passage of its candidates: it must return
/// all of their rows, only theirs, each with its exact cosine.
@Suite struct ItemScoresTests {
    @Test func everyRowOfTheAskedItemsAndNoOtherWithItsExactScore() throws {
        let (library, folder, model, vectors) = try VectorStoreTests.library(count: 600, dimension: 48)
        defer { folder.remove() }
        let store = try library.vectorStore(for: model).store
        let query = VectorMath.normalized((0..<48).map { Float($0 % 7) - 3 })!
        let rows = try library.reading { reader in
            try reader.summaries(ids: Array(1...600), metadata: false).keys.sorted()
        }
        let asked = Set(rows.enumerated().filter { $0.offset % 37 == 0 || $0.offset == rows.count - 1 }.map(\.element))
        let matches = store.itemScores(query, items: asked)
        #expect(Set(matches.map(\.itemID)) == asked)
        #expect(matches.count == asked.count, "one segment each")
        for match in matches {
            let vector = try #require(vectors[match.segmentID])
            #expect(abs(match.score - VectorStoreTests.dot(query, vector)) < 1e-5)
        }
        #expect(store.itemScores(query, items: [9_999_999]).isEmpty)
    }

    @Test func askedIdsAreFoundHoweverFarApartTheyLie() {
        let sets: [Set<Int64>] = [
            [5], [1, 2, 3, 64, 65, 1_000], [0, 1 << 30], [-7, 3, Int64.max], [Int64.min, Int64.max], [1 << 23, (1 << 24) + 5],
        ]
        let probes: [Int64] = [Int64.min, -8, -7, -1, 0, 1, 2, 3, 4, 5, 6, 63, 64, 65, 66, 999, 1_000, 1_001, 1 << 23, (1 << 24) + 5, 1 << 30, Int64.max - 1, Int64.max]
        for items in sets {
            let bits = ItemBits(items)
            for probe in probes + Array(items) {
                #expect(bits.contains(probe) == items.contains(probe), "\(probe) in \(items)")
            }
        }
    }
}
