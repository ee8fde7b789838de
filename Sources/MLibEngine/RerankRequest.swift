public import MLibCore

/// What `mlib rerank` is asked: a query and the documents to judge against it, shaped
/// like Qwen3-VL-Reranker's input. Files need not be in the library.
///
/// ```swift
/// let request = RerankRequest(
///     query: .init(text: "the ferry leaving the harbour"),
///     documents: [.init(text: "Ferries sail at dawn."), .init(image: RawPath("/photos/quay.jpg"))])
/// let answer = try engine.rerank(request)
/// ```
public struct RerankRequest: Sendable, Hashable {
    /// What the documents are compared with: words, a picture, or a video (words may
    /// accompany either).
    public struct Query: Sendable, Hashable {
        public var text: String?
        public var image: RawPath?
        public var video: RawPath?

        public init(text: String? = nil, image: RawPath? = nil, video: RawPath? = nil) {
            self.text = text
            self.image = image
            self.video = video
        }

        /// The picture or video file the query brings, if any.
        var file: RawPath? { image ?? video }

        /// Whether there is nothing to compare with: no file and no words.
        public var isEmpty: Bool {
            file == nil && (text ?? "").allSatisfy { $0.isWhitespace }
        }
    }

    /// One document: text, a picture, a video, or text with a picture or video.
    public struct Document: Sendable, Hashable {
        public var text: String?
        public var image: RawPath?
        public var video: RawPath?
        /// Frames per second sampled from its video; nil uses the request's.
        public var fps: Double?

        public init(text: String? = nil, image: RawPath? = nil, video: RawPath? = nil, fps: Double? = nil) {
            self.text = text
            self.image = image
            self.video = video
            self.fps = fps
        }

        /// The file the document brings, if any.
        var file: RawPath? { image ?? video }
    }

    /// The task in words, as Qwen3-VL-Reranker takes it. mlib's model has no use for
    /// it: it is echoed back in the answer and weighs nothing.
    public var instruction: String?
    public var query: Query
    public var documents: [Document]
    /// Frames per second sampled from videos, 0.1 to 5.
    public var fps: Double
    /// At most this many frames are sampled from one video; longer videos are sampled
    /// evenly instead.
    public var maxFrames: Int

    public static let defaultFPS = 1.0
    public static let defaultMaxFrames = 64

    public init(
        instruction: String? = nil, query: Query, documents: [Document], fps: Double = RerankRequest.defaultFPS,
        maxFrames: Int = RerankRequest.defaultMaxFrames
    ) {
        self.instruction = instruction
        self.query = query
        self.documents = documents
        self.fps = fps
        self.maxFrames = maxFrames
    }
}
