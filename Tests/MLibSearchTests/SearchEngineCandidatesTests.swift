import MLibSearch
import MLibStore
import MLibTestSupport
import Testing

/// `candidates(for:options:reader:)` is how the rerank benchmark reaches the rerank; it
/// must hand over what `search` hands over, or the benchmark times something else.
@Suite struct SearchEngineCandidatesTests {
    @Test func recallThenRerankOrdersAndScoresAsSearchDoes() throws {
        let (plain, folder) = try SearchEngineTests.corpus()
        defer { folder.remove() }
        let engine = SearchEngine(library: plain.library, reranker: Reranker())
        for query in ["red dress by cafe window", "beach", "soup harbour", "夏日海滩"] {
            let hits = try engine.search(query, options: .init(limit: 50)).hits
            let reranked = try engine.library.reading { reader in
                let recall = try engine.candidates(for: query, options: .init(limit: 50), reader: reader)
                return try engine.reranker!.rerank(recall.candidates, channels: recall.channels, query: recall.query, reader: reader)
            }
            #expect(!hits.isEmpty, "\(query)")
            #expect(reranked.map(\.itemID) == hits.map(\.itemID), "\(query)")
            #expect(reranked.map(\.score) == hits.map(\.score), "\(query)")
        }
    }

    @Test func withoutTheRerankTheCandidatesAreSearchsOrder() throws {
        let (plain, folder) = try SearchEngineTests.corpus()
        defer { folder.remove() }
        let engine = SearchEngine(library: plain.library, reranker: Reranker())
        let options = SearchOptions(limit: 50, rerank: false)
        let hits = try engine.search("red dress", options: options).hits
        let recall = try engine.library.reading { reader in try engine.candidates(for: "red dress", options: options, reader: reader) }
        #expect(recall.channels.map(\.name) == ["words"])
        #expect(recall.candidates.map(\.itemID) == hits.map(\.itemID))
        #expect(recall.candidates.map(\.score) == hits.map(\.score))
    }
}
