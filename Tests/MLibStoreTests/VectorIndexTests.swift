import MLibStore
import MLibTestSupport
import Testing

@Suite struct VectorIndexTests {
    /// A random unit vector; uniform per element, then normalised.
    static func unitVector(_ dimension: Int, _ generator: inout SeededGenerator) -> [Float] {
        let raw = (0..<dimension).map { _ in Float.random(in: -1..<1, using: &generator) }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return raw.map { $0 / norm }
    }

    /// The exact answer, computed the slow obvious way.
    static func bruteForce(_ vectors: [Int64: [Float]], _ query: [Float], k: Int) -> [VectorMatch] {
        vectors
            .map { id, vector in
                VectorMatch(id: id, score: zip(vector, query).reduce(0) { $0 + $1.0 * $1.1 })
            }
            .sorted { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }
            .prefix(k)
            .map { $0 }
    }

    /// Same ids in the same order, scores equal up to summation-order rounding.
    static func expectSame(_ found: [VectorMatch], _ expected: [VectorMatch], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(found.map(\.id) == expected.map(\.id), sourceLocation: sourceLocation)
        for (a, b) in zip(found, expected) {
            #expect(abs(a.score - b.score) < 1e-5, sourceLocation: sourceLocation)
        }
    }

    static func filled(_ index: VectorIndex, count: Int, seed: UInt64) -> [Int64: [Float]] {
        var generator = SeededGenerator(seed: seed)
        var vectors: [Int64: [Float]] = [:]
        for id in 0..<Int64(count) {
            let vector = unitVector(index.dimension, &generator)
            // Sparse, unordered ids, as segment ids are after deletions.
            vectors[id * 7 + 3] = vector
            index.upsert(id: id * 7 + 3, vector: vector)
        }
        return vectors
    }

    @Test(arguments: [(384, 2_000), (16, 40_000), (7, 500)])
    func exactSearchEqualsBruteForce(dimension: Int, count: Int) {
        // 40,000 rows take the multi-threaded path; 16 and 7 exercise row padding.
        let index = VectorIndex(dimension: dimension)
        let vectors = Self.filled(index, count: count, seed: 1)
        #expect(index.count == count)
        var generator = SeededGenerator(seed: 2)
        for _ in 0..<5 {
            let query = Self.unitVector(dimension, &generator)
            Self.expectSame(index.search(query, k: 20), Self.bruteForce(vectors, query, k: 20))
        }
    }

    @Test func aStoredVectorIsItsOwnBestMatch() {
        let index = VectorIndex(dimension: 64)
        let vectors = Self.filled(index, count: 1_000, seed: 3)
        let (id, vector) = vectors.first!
        let best = index.search(vector, k: 1)
        #expect(best.map(\.id) == [id])
        #expect(abs(best[0].score - 1) < 1e-5)
    }

    @Test func kLargerThanCountReturnsEverythingAndZeroReturnsNothing() {
        let index = VectorIndex(dimension: 16)
        let vectors = Self.filled(index, count: 10, seed: 4)
        let query = vectors.values.first!
        #expect(index.search(query, k: 100).count == 10)
        #expect(index.search(query, k: 0).isEmpty)
        #expect(VectorIndex(dimension: 16).search(query, k: 5).isEmpty)
    }

    @Test func upsertReplacesTheVectorUnderAnID() {
        let index = VectorIndex(dimension: 3)
        index.upsert(id: 1, vector: [1, 0, 0])
        index.upsert(id: 2, vector: [0, 1, 0])
        index.upsert(id: 1, vector: [0, 0, 1])
        #expect(index.count == 2)
        #expect(index.vector(id: 1) == [0, 0, 1])
        #expect(index.search([0, 0, 1], k: 1) == [VectorMatch(id: 1, score: 1)])
        #expect(index.search([1, 0, 0], k: 2).allSatisfy { $0.score == 0 })
    }

    @Test(arguments: VectorPrecision.allCases)
    func removeKeepsTheOthersFindable(precision: VectorPrecision) {
        let index = VectorIndex(dimension: 32, precision: precision)
        var vectors = Self.filled(index, count: 300, seed: 5)
        // Removing early rows moves the last rows into their slots.
        let removed = Array(vectors.keys.sorted().prefix(40))
        index.remove(id: removed[0])
        index.remove(ids: removed.dropFirst())
        index.remove(id: 999_999)
        for id in removed { vectors[id] = nil }
        #expect(index.count == 260)
        for id in removed { #expect(!index.contains(id: id)) }
        for (id, vector) in vectors {
            #expect(index.search(vector, k: 1).first?.id == id)
            #expect(index.vector(id: id) == vector)
        }
        var generator = SeededGenerator(seed: 6)
        let query = Self.unitVector(32, &generator)
        Self.expectSame(index.exactSearch(query, k: 30), Self.bruteForce(vectors, query, k: 30))
    }

    @Test func removeAllEmptiesTheIndex() {
        let index = VectorIndex(dimension: 8, precision: .int8)
        let vectors = Self.filled(index, count: 50, seed: 7)
        index.removeAll()
        #expect(index.count == 0)
        #expect(index.search(vectors.values.first!, k: 3).isEmpty)
    }

    @Test(arguments: VectorPrecision.allCases)
    func filterIsRespected(precision: VectorPrecision) {
        // Enough rows for the multi-threaded path.
        let index = VectorIndex(dimension: 16, precision: precision)
        let vectors = Self.filled(index, count: 40_000, seed: 8)
        let allowed: @Sendable (Int64) -> Bool = { $0 % 3 == 0 }
        var generator = SeededGenerator(seed: 9)
        let query = Self.unitVector(16, &generator)
        let found = index.search(query, k: 25, filter: allowed)
        #expect(found.count == 25)
        #expect(found.allSatisfy { allowed($0.id) })
        Self.expectSame(found, Self.bruteForce(vectors.filter { allowed($0.key) }, query, k: 25))
        #expect(index.search(query, k: 5, filter: { _ in false }).isEmpty)
    }

    @Test(arguments: VectorPrecision.allCases)
    func tiesAreOrderedByID(precision: VectorPrecision) {
        let index = VectorIndex(dimension: 4, precision: precision)
        // Inserted in descending id order so that storage order differs from id order.
        for id in stride(from: Int64(20), through: 1, by: -1) {
            index.upsert(id: id, vector: id % 2 == 0 ? [0.6, 0.8, 0, 0] : [0, 0, 1, 0])
        }
        let found = index.search([0.6, 0.8, 0, 0], k: 5)
        #expect(found.map(\.id) == [2, 4, 6, 8, 10])
        #expect(Set(found.map(\.score)).count == 1)
    }

    @Test(arguments: [VectorPrecision.float16, .int8])
    func compactFormsKeepRecallAt50(precision: VectorPrecision) {
        let index = VectorIndex(dimension: 384, precision: precision)
        var generator = SeededGenerator(seed: 10)
        for id in 0..<Int64(10_000) { index.upsert(id: id, vector: Self.unitVector(384, &generator)) }
        var found = 0
        for _ in 0..<10 {
            let query = Self.unitVector(384, &generator)
            let exact = index.exactSearch(query, k: 50)
            let compact = index.search(query, k: 50)
            found += Set(exact.map(\.id)).intersection(compact.map(\.id)).count
            // Returned scores are exact re-scores, not approximations.
            let exactScores = Dictionary(uniqueKeysWithValues: exact.map { ($0.id, $0.score) })
            for match in compact {
                if let score = exactScores[match.id] { #expect(match.score == score) }
            }
        }
        let recall = Double(found) / (10 * 50)
        #expect(recall >= 0.98, "recall@50 \(recall)")
    }

    @Test func float16ScanHandlesTinyAndNegativeValues() {
        // Half subnormals (< 6.1e-5) and signs must survive the compact scan: with one
        // candidate, only the compact ranking decides which row is re-scored. A lost
        // sign would pick id 1; flushing subnormals to zero would tie and pick id 1.
        let index = VectorIndex(dimension: 16, precision: .float16, rescoreFactor: 1)
        var first = [Float](repeating: 0, count: 16)
        first[0] = -3e-5
        first[1] = 1
        var second = [Float](repeating: 0, count: 16)
        second[0] = 1e-5
        second[1] = 1
        index.upsert(id: 1, vector: first)
        index.upsert(id: 2, vector: second)
        var query = [Float](repeating: 0, count: 16)
        query[0] = 1
        #expect(index.search(query, k: 1).map(\.id) == [2])
    }

    @Test func dimensionMismatchStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            VectorIndex(dimension: 4).upsert(id: 1, vector: [1, 0, 0])
        }
        await #expect(processExitsWith: .failure) {
            _ = VectorIndex(dimension: 4).search([1, 0], k: 1)
        }
    }
}
