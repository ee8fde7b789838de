/// One thing the rerank weighs about a candidate. Raw values are the names the JSON,
/// `--explain` and the fitting script use.
public enum RerankFeature: String, Sendable, Hashable, CaseIterable, Codable {
    /// The word channel's bm25, squashed into 0..<1 (`b / (b + 4)`); 0 when words did
    /// not find the item.
    case bm25
    /// The share of the query's words (and CJK runs) anywhere in the item's text.
    case coverage
    /// The share of the query's words in its title, keywords or file name.
    case titleCoverage = "title_coverage"
    /// 1 when the query's words stand together, in order, in one field (queries of two
    /// words or more).
    case phrase
    /// How close the item's best passage, OCR text or subtitle cue comes to the query's
    /// meaning: (cosine − 0.2) / 0.4, in 0...1.5 (0.2 is unrelated, 0.6 a paraphrase).
    case meaning
    /// The same for its picture or best window of frames against a picture model:
    /// (cosine − 0.18) / 0.12, in 0...1.5, CLIP's own scale mapped onto `meaning`'s.
    case picture
    /// Recall's fusion score, 0...1.
    case fusion
    /// Agreement with a kind the query asked for: 1, −1, or 0 when it asked for none.
    case kind
    /// Agreement with the dates the query named, −1...1 (0 when none or undated).
    case date
    /// Agreement with a camera the query named, −1...1.
    case camera
    /// The share of the query's quoted phrases the item holds (0 when none).
    case quoted
    /// For a query naming colours: the share of the picture's dominant colours that are
    /// the ones asked for (0 when the query names none, or for notes).
    case colour

    /// How many features there are; a features vector has this length.
    public static let count = allCases.count

    /// Position in a features vector.
    public var index: Int { Self.allCases.firstIndex(of: self)! }
}

/// A candidate's features in `RerankFeature.allCases` order.
public struct RerankFeatures: Sendable, Hashable {
    public var values: [Double]

    public init() { values = Array(repeating: 0, count: RerankFeature.count) }

    public subscript(feature: RerankFeature) -> Double {
        get { values[feature.index] }
        set { values[feature.index] = newValue.isFinite ? newValue : 0 }
    }
}
