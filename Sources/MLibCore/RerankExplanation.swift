/// How the rerank judged one hit: each piece of evidence it weighed, the value it saw
/// and what that added to the hit's log-odds of being what was asked for.
public struct RerankExplanation: Sendable, Hashable {
    /// One feature of the hit.
    public struct Component: Sendable, Hashable {
        /// The feature's name, such as `coverage` or `meaning`.
        public var name: String
        /// The value the rerank saw, most in 0...1 (agreements in -1...1).
        public var value: Double
        /// Its weight times its value: what it added to the log-odds.
        public var contribution: Double

        public init(name: String, value: Double, contribution: Double) {
            self.name = name
            self.value = value
            self.contribution = contribution
        }
    }

    /// Which fitted model judged: `words` when no meaning channel ran, else `full`.
    public var model: String
    /// The log-odds before any feature (the model's intercept).
    public var bias: Double
    public var components: [Component]
    /// Every feature's value by name, weighed or not (what a refit reads).
    public var features: [String: Double]
    /// The probability of relevance the features give, before any judge.
    public var probability: Double
    /// The text cross-encoder's raw score of the hit's best passage, when one judged it.
    public var judgeScore: Double?
    /// A served reranker's score, when one judged the hit.
    public var remoteScore: Double?
    /// Where recall fusion had put the hit (1-based) and its fusion score.
    public var recallRank: Int
    public var recallScore: Double

    public init(
        model: String, bias: Double, components: [Component], features: [String: Double] = [:], probability: Double, judgeScore: Double? = nil,
        remoteScore: Double? = nil, recallRank: Int, recallScore: Double
    ) {
        self.model = model
        self.bias = bias
        self.components = components
        self.features = features
        self.probability = probability
        self.judgeScore = judgeScore
        self.remoteScore = remoteScore
        self.recallRank = recallRank
        self.recallScore = recallScore
    }
}

/// A sampled frame of a video and how close the picture model puts it to the query.
public struct FrameMatch: Sendable, Hashable, Codable {
    /// Seconds into the video.
    public var time: Double
    /// Cosine similarity between the frame's vector and the query's.
    public var similarity: Double

    public init(time: Double, similarity: Double) {
        self.time = time
        self.similarity = similarity
    }
}
