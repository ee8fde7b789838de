/// The best `capacity` (score, key) pairs seen so far, as a bounded min-heap.
///
/// The root is the worst kept pair, so a scan rejects most rows with a single
/// comparison against ``threshold``. Ties on score keep the smaller key, which makes
/// results independent of scan order and thread split.
struct VectorTopK {
    let capacity: Int
    private(set) var scores: [Float] = []
    private(set) var keys: [Int64] = []

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        scores.reserveCapacity(self.capacity)
        keys.reserveCapacity(self.capacity)
    }

    var isFull: Bool { scores.count >= capacity }

    /// The score a new pair must reach (≥) to be considered once the heap is full.
    var threshold: Float { isFull && capacity > 0 ? scores[0] : -.infinity }

    /// Whether `(score, key)` would enter the heap; cheap, to call before costly checks.
    @inline(__always)
    func admits(_ score: Float, key: Int64) -> Bool {
        guard capacity > 0 else { return false }
        guard isFull else { return true }
        return Self.isBetter(score, key, than: scores[0], keys[0])
    }

    /// Adds the pair if it beats the worst kept one.
    mutating func insert(_ score: Float, key: Int64) {
        guard capacity > 0 else { return }
        if !isFull {
            scores.append(score)
            keys.append(key)
            siftUp(scores.count - 1)
        } else if Self.isBetter(score, key, than: scores[0], keys[0]) {
            scores[0] = score
            keys[0] = key
            siftDown(0)
        }
    }

    /// The kept pairs, best first.
    func sorted() -> [(score: Float, key: Int64)] {
        zip(scores, keys)
            .map { (score: $0.0, key: $0.1) }
            .sorted { Self.isBetter($0.score, $0.key, than: $1.score, $1.key) }
    }

    @inline(__always)
    static func isBetter(_ score: Float, _ key: Int64, than other: Float, _ otherKey: Int64) -> Bool {
        score > other || (score == other && key < otherKey)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.isBetter(scores[parent], keys[parent], than: scores[child], keys[child]) else { return }
            scores.swapAt(parent, child)
            keys.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let count = scores.count
        while true {
            var worst = parent
            let left = 2 &* parent &+ 1
            if left < count, Self.isBetter(scores[worst], keys[worst], than: scores[left], keys[left]) {
                worst = left
            }
            let right = left &+ 1
            if right < count, Self.isBetter(scores[worst], keys[worst], than: scores[right], keys[right]) {
                worst = right
            }
            guard worst != parent else { return }
            scores.swapAt(parent, worst)
            keys.swapAt(parent, worst)
            parent = worst
        }
    }
}
