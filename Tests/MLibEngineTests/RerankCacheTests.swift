import Foundation
import MLibCore
import MLibEngine
import MLibTestSupport
import Testing

/// Requests that share a `RerankCache` (a JSON-lines batch) never embed or read the
/// same thing twice, with no library to remember it in.
@Suite(.serialized) struct RerankCacheTests {
    @Test func aSecondIdenticalRequestMakesNoVectorAgain() throws {
        let fixture = try EnginePictureTests.picturesFixture(clip: true)
        defer { fixture.remove() }
        let sign = try RerankMediaTests.copy("ocr/sign.jpg", as: "b.jpg", in: fixture)
        let video = RawPath(fixture.folder.path("notes/pictures/clip.mov"))
        let documents: [RerankRequest.Document] = [.init(text: RerankTests.ferry), .init(image: sign), .init(video: video)]
        let request = RerankRequest(query: .init(text: "parking on maple avenue"), documents: documents)
        let cache = RerankCache()

        let first = try Engine.rerank(request, modelsFolder: fixture.models, cache: cache)
        #expect(first.warnings.isEmpty, "\(first.warnings)")
        #expect(first.embedded > 3, "the query twice, passages, the picture and frames: \(first.embedded)")
        let hits = cache.hits
        let second = try Engine.rerank(request, modelsFolder: fixture.models, cache: cache)
        #expect(second.embedded == 0, "every vector came from the cache")
        #expect(second.reused == first.embedded + first.reused)
        #expect(cache.hits > hits)
        #expect(second.scores == first.scores)

        // Another query over the same documents embeds only itself: once for meaning,
        // once for pictures.
        let other = try Engine.rerank(
            RerankRequest(query: .init(text: "a sleeping cat"), documents: documents), modelsFolder: fixture.models, cache: cache)
        #expect(other.embedded == 2, "\(other.embedded)")
    }

    @Test func aBoundedCacheForgetsItsOldestVectors() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        let cache = RerankCache(vectorLimit: 2)
        let request = { (text: String) in RerankRequest(query: .init(text: "ferry"), documents: [.init(text: text)]) }
        _ = try Engine.rerank(request(RerankTests.ferry), modelsFolder: fixture.models, cache: cache)
        _ = try Engine.rerank(request(RerankTests.bread), modelsFolder: fixture.models, cache: cache)
        _ = try Engine.rerank(request(RerankTests.garden), modelsFolder: fixture.models, cache: cache)
        let again = try Engine.rerank(request(RerankTests.ferry), modelsFolder: fixture.models, cache: cache)
        #expect(again.embedded >= 1, "the first document's vector was forgotten")
    }
}
