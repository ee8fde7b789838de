public import MLibStore

/// Recall by meaning: the nearest vectors of one model to the query's vector, grouped
/// by item, with the item's best few segments.
public struct VectorChannel: RecallChannel {
    public let name: String
    public let store: VectorStore
    /// The query embedded by the same model (L2-normalised).
    public let queryVector: [Float]
    /// Cosine similarity below which a segment is taken as unrelated: a sentence model
    /// gives every pair of texts some similarity, and a hit list should end where
    /// meaning does.
    public let floor: Float
    /// Cosine similarity at which a match counts as sure (strength 1).
    public let sure: Float
    /// What the channel's vectors embed: passages of text, or pictures and frames.
    public enum Space: String, Sendable, Hashable {
        case text, picture
    }
    public let space: Space
    /// Segments kept per item as evidence.
    public static let segmentsPerItem = 3

    /// The floor of a sentence model's channel.
    public static let textFloor: Float = 0.2
    /// Similarity at which a match counts as sure (strength 1): sentence models put
    /// paraphrases of one another around 0.6 and above.
    public static let sureSimilarity: Float = 0.6

    /// The floor of a picture channel (a CLIP text query against picture vectors):
    /// CLIP puts a caption and its picture around 0.3, and unrelated pairs near 0.1–0.15.
    public static let pictureFloor: Float = 0.18
    /// Similarity at which a CLIP text–picture match counts as sure.
    public static let pictureSure: Float = 0.30

    public init(
        name: String, store: VectorStore, queryVector: [Float], floor: Float = VectorChannel.textFloor,
        sure: Float = VectorChannel.sureSimilarity, space: Space = .text
    ) {
        self.name = name
        self.space = space
        self.store = store
        self.queryVector = queryVector
        self.floor = floor
        self.sure = sure
    }

    /// How far `similarity` stands between the floor (0) and a sure match (1).
    public func strength(_ similarity: Float) -> Double {
        let span = max(sure - floor, 0.01)
        return Double(min(1, max(0, (similarity - floor) / span)))
    }

    public func recall(_ query: RecallQuery, depth: Int, reader: LibraryReader) throws -> [ChannelMatch] {
        guard depth > 0, store.count > 0 else { return [] }
        // Several segments of one item may come first; ask for more to fill `depth` items
        // (and more again, below, when that was not enough).
        var wanted = depth * 2
        while true {
            let matches = store.search(queryVector, k: wanted, kind: query.kind)
            var byItem: [Int64: ChannelMatch] = [:]
            var order: [Int64] = []
            for match in matches where match.score >= floor {
                let segment = SegmentMatch(segmentID: match.segmentID, window: match.window, score: Double(match.score))
                if var found = byItem[match.itemID] {
                    if found.segments.count < Self.segmentsPerItem, !found.segments.contains(where: { $0.segmentID == match.segmentID }) {
                        found.segments.append(segment)
                        byItem[match.itemID] = found
                    }
                } else {
                    byItem[match.itemID] = ChannelMatch(
                        itemID: match.itemID, score: Double(match.score), segments: [segment], strength: strength(match.score))
                    order.append(match.itemID)
                }
            }
            let exhausted = matches.count < wanted || (matches.last?.score ?? 0) < floor
            if order.count >= depth || exhausted || wanted >= store.count {
                return order.prefix(depth).compactMap { byItem[$0] }
            }
            wanted *= 4
        }
    }
}
