import Foundation
import MLibCore
@testable import MLibStore
import MLibTestSupport
import Testing

@Suite struct VectorStoreTests {
    /// A library of `count` one-segment notes, each with a random unit vector of `dimension`
    /// from `model`; returns the vectors by segment id.
    static func library(
        count: Int, dimension: Int, seed: UInt64 = 7
    ) throws -> (Library, TemporaryDirectory, StoredModel, [Int64: [Float]]) {
        let (library, folder) = try LibraryFactory.make()
        let model = try LibraryFactory.model(in: library, dimension: dimension)
        try library.write((0..<count).map { index in
            LibraryFactory.record(
                "/n\(index).md", kind: index % 3 == 0 ? .image : .text,
                segments: [.init(field: .body, text: "note \(index)")], inode: UInt64(index + 1))
        })
        var random = SeededGenerator(seed: seed)
        var vectors: [Int64: [Float]] = [:]
        let targets = try library.segmentsToEmbed(modelID: model.id, limit: count)
        var windows: [SegmentVector] = []
        var fresh: [(contentHash: [UInt8], vector: [Float])] = []
        for target in targets {
            let vector = VectorMath.normalized((0..<dimension).map { _ in Float.random(in: -1...1, using: &random) })!
            let hash = Array(withUnsafeBytes(of: target.segmentID.littleEndian) { Array($0) })
            vectors[target.segmentID] = vector
            windows.append(SegmentVector(segmentID: target.segmentID, segmentText: target.text, window: 0, contentHash: hash))
            fresh.append((hash, vector))
        }
        try library.storeVectors(windows, fresh: fresh, modelID: model.id)
        return (library, folder, model, vectors)
    }

    static func dot(_ left: [Float], _ right: [Float]) -> Float {
        var sum: Float = 0
        for index in left.indices { sum += left[index] * right[index] }
        return sum
    }

    static func exactTop(_ query: [Float], _ vectors: [Int64: [Float]], k: Int) -> [Int64] {
        let scored: [(id: Int64, score: Float)] = vectors.map { ($0.key, dot(query, $0.value)) }
        let sorted = scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return sorted.prefix(k).map(\.id)
    }

    @Test func theInt8ScanWithExactRescoringFindsTheExactNeighbours() throws {
        let (library, folder, model, vectors) = try Self.library(count: 4_000, dimension: 96)
        defer { folder.remove() }
        let store = try library.vectorStore(for: model).store
        #expect(store.count == 4_000)
        var random = SeededGenerator(seed: 99)
        var found = 0
        var wanted = 0
        for _ in 0..<20 {
            let query = VectorMath.normalized((0..<96).map { _ in Float.random(in: -1...1, using: &random) })!
            for k in [10, 300] {
                let exact = Set(Self.exactTop(query, vectors, k: k))
                let matches = store.search(query, k: k)
                #expect(matches.count == k)
                #expect(zip(matches, matches.dropFirst()).allSatisfy { $0.score >= $1.score })
                for match in matches {
                    let truth = Self.dot(query, vectors[match.segmentID]!)
                    #expect(abs(truth - match.score) < 1e-4, "scores are exact cosines")
                }
                found += matches.filter { exact.contains($0.segmentID) }.count
                wanted += k
            }
        }
        #expect(Double(found) / Double(wanted) >= 0.99, "recall \(Double(found) / Double(wanted))")
    }

    @Test func theKindFilterAndASavedStoreAgreeWithTheLibrary() throws {
        let (library, folder, model, _) = try Self.library(count: 300, dimension: 32)
        defer { folder.remove() }
        let built = try library.vectorStore(for: model)
        #expect(built.rebuilt)
        let query = [Float](repeating: 1 / Float(32).squareRoot(), count: 32)
        #expect(built.store.search(query, k: 50, kind: .image).allSatisfy { $0.kind == .image })
        // Another process: the saved file is mapped, not rebuilt, and answers the same.
        let reopened = try Library.open(at: library.path, mode: .readOnly)
        let saved = try reopened.vectorStore(for: model)
        #expect(!saved.rebuilt)
        #expect(saved.store.search(query, k: 20) == built.store.search(query, k: 20))
    }

    @Test func aStaleStoreIsBroughtUpToDateAndADamagedFileRebuilt() throws {
        let (library, folder, model, _) = try Self.library(count: 50, dimension: 16)
        defer { folder.remove() }
        let first = try library.vectorStore(for: model).store
        // An item goes, another comes with a vector.
        let gone = try #require(try library.item(path: RawPath("/n3.md")))
        try library.removeItems(ids: [gone.id])
        try library.write([LibraryFactory.record("/new.md", segments: [.init(field: .body, text: "new")], inode: 999)])
        let target = try #require(try library.segmentsToEmbed(modelID: model.id, limit: 5).first)
        let vector = VectorMath.normalized((0..<16).map { Float($0) })!
        try library.storeVectors(
            [SegmentVector(segmentID: target.segmentID, segmentText: target.text, window: 0, contentHash: [42])],
            fresh: [([42], vector)], modelID: model.id)
        let updated = try library.vectorStore(for: model, reusing: first)
        #expect(updated.rebuilt && updated.store.count == 50)
        #expect(updated.store.search(vector, k: 1).first?.segmentID == target.segmentID)
        #expect(!updated.store.search(vector, k: 50).contains { $0.itemID == gone.id })

        // A damaged file (cut short) is never used: the next process builds a new one.
        let path = library.vectorStorePath(modelID: model.id)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let fresh = try Library.open(at: library.path, mode: .readOnly).vectorStore(for: model)
        #expect(fresh.rebuilt && fresh.store.count == 50)
    }
}
