/// One (query, passage) pair as a cross-encoder reads it:
/// `[CLS] query [SEP] passage [SEP]`, the query's tokens of type 0 and the
/// passage's of type 1.
///
/// A pair longer than the window is cut as Hugging Face `tokenizers` cuts pairs
/// ("longest_first"): the longer side gives up tokens first, and when both are
/// longer than half the window each keeps half, the passage the odd token.
struct CrossEncoderPair: Sendable, Hashable {
    /// The token ids, special tokens included.
    var ids: [Int32]
    /// 0 for `[CLS]`, the query and its `[SEP]`; 1 for the passage and its `[SEP]`.
    var types: [Int32]

    /// The pair of word pieces `query` and `passage`, cut to `maxLength` tokens.
    init(query: [Int32], passage: [Int32], maxLength: Int, tokenizer: WordPieceTokenizer) {
        let kept = Self.keptLengths(query: query.count, passage: passage.count, budget: maxLength - 3)
        ids = [tokenizer.clsID] + query.prefix(kept.query) + [tokenizer.sepID] + passage.prefix(kept.passage) + [tokenizer.sepID]
        types = Array(repeating: 0, count: kept.query + 2) + Array(repeating: 1, count: kept.passage + 1)
    }

    /// How many pieces of each side fit in `budget` (the window less the three
    /// special tokens), the longer side cut first.
    static func keptLengths(query: Int, passage: Int, budget: Int) -> (query: Int, passage: Int) {
        guard query + passage > budget else { return (query, passage) }
        let shorter = min(query, passage)
        let half = budget / 2
        // The shorter side stays whole while it fits in half the budget.
        if shorter <= half {
            return query <= passage ? (query, budget - query) : (budget - passage, passage)
        }
        let longerShare = half + budget % 2
        // Equal lengths give the passage the odd token, as `tokenizers` does.
        return query > passage ? (longerShare, half) : (half, longerShare)
    }
}
