public import MLibCore

/// The answer to a `RerankRequest`: one probability of relevance per document, in the
/// order the documents came, and the evidence behind each.
public struct RerankResponse: Sendable, Hashable {
    /// How one document was judged.
    public struct Result: Sendable, Hashable {
        /// The document's place in the request, from 0.
        public var index: Int
        /// The probability that it is what the query asks for, 0...1, to 4 decimals;
        /// 0 for a document that could not be read.
        public var score: Double
        /// What its content turned out to be, once read.
        public var kind: ItemKind?
        /// Each feature the model weighs, its value and what it added to the log-odds,
        /// largest effect first (`RerankModel.components`).
        public var components: [RerankExplanation.Component]
        /// For a video: where the evidence is strongest.
        public var moment: Moment?
        /// For a video judged by a picture model: its frames closest to the query.
        public var topFrames: [FrameMatch]
        /// Why the document could not be read; the others still answer.
        public var problem: String?

        public init(
            index: Int, score: Double, kind: ItemKind? = nil, components: [RerankExplanation.Component] = [], moment: Moment? = nil,
            topFrames: [FrameMatch] = [], problem: String? = nil
        ) {
            self.index = index
            self.score = score
            self.kind = kind
            self.components = components
            self.moment = moment
            self.topFrames = topFrames
            self.problem = problem
        }
    }

    /// The request's instruction, echoed.
    public var instruction: String?
    /// One per document, in request order.
    public var results: [Result]
    /// One line each: a model that is missing or cannot be used, and what the answer
    /// did without it.
    public var warnings: [String]
    /// Vectors a model computed for this request.
    public var embedded: Int
    /// Vectors taken from the process's cache or the library's instead of a model.
    public var reused: Int

    public init(instruction: String? = nil, results: [Result] = [], warnings: [String] = [], embedded: Int = 0, reused: Int = 0) {
        self.instruction = instruction
        self.results = results
        self.warnings = warnings
        self.embedded = embedded
        self.reused = reused
    }

    /// The scores alone, in request order.
    public var scores: [Double] { results.map(\.score) }
}
