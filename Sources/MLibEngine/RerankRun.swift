import MLibCore
import MLibIngest
import MLibMedia
import MLibSearch
import MLibStore

/// One rerank request worked through: the query read and embedded once, then each
/// document read, embedded (through the caches) and scored by `RerankModel.documents`.
///
/// A document that cannot be read gets score 0 and a problem, and the others still
/// answer; a model that cannot be used is left out with one warning.
struct RerankRun {
    var models: RerankModels
    let loader: RerankLoader
    let cache: RerankCache
    var vectors: RerankVectors
    var warnings: [String] = []

    init(library: Library?, models: RerankModels, loader: RerankLoader, cache: RerankCache) {
        self.models = models
        self.loader = loader
        self.cache = cache
        vectors = RerankVectors(library: library, cache: cache)
    }

    /// What the query brings to compare documents with.
    struct Probe {
        var query: DocumentQuery
        /// The query's words under the sentence model.
        var meaning: [Float]?
        /// What pictures and frames are compared with: the query's own pictures under
        /// the picture model, else its words under the picture-query model; and the
        /// scale their similarities map onto.
        var pictures: (vector: [Float], scale: DocumentFeatures.Scale)?
    }

    /// The scale of picture-to-picture similarity, as `search --like` uses it.
    static let likeScale = DocumentFeatures.Scale(floor: Double(Engine.likePictureFloor), sure: Double(Engine.likePictureSure))

    static func isEmpty(_ request: RerankRequest) -> Bool {
        request.query.isEmpty || request.documents.isEmpty
    }

    mutating func answer(_ request: RerankRequest) throws -> RerankResponse {
        guard !Self.isEmpty(request) else { return RerankResponse(instruction: request.instruction) }
        if models.picture == nil, request.query.file != nil || request.documents.contains(where: { $0.file != nil }) {
            warnings.append((models.pictureProblem ?? "no picture model") + "; pictures are judged by their text only")
        }
        let probe = try probe(for: request)
        var results: [RerankResponse.Result] = []
        for (index, document) in request.documents.enumerated() {
            results.append(judge(document, index: index, probe: probe, request: request))
        }
        return RerankResponse(
            instruction: request.instruction, results: results, warnings: warnings, embedded: vectors.embedded, reused: vectors.reused)
    }

    /// Reads the query's file, if any, and embeds what the query holds.
    private mutating func probe(for request: RerankRequest) throws -> Probe {
        var text = request.query.text ?? ""
        var ownPictures: [Float]?
        if let file = request.query.file {
            let reading: RerankReading
            do {
                reading = try RerankReading.file(file, fps: request.fps, maxFrames: request.maxFrames, cache: cache)
            } catch {
                throw EngineError(.badRequest, "the query's file cannot be read: " + Self.message(error))
            }
            // A picture's own words (OCR, caption, title) stand for the query when none are given.
            if text.allSatisfy(\.isWhitespace) { text = reading.passages.map(\.text).joined(separator: "\n") }
            ownPictures = pictureVectors(of: reading).flatMap { Engine.mean($0.compactMap { $0 }) }
        }
        var probe = Probe(query: DocumentQuery(text))
        let words = probe.query.semanticText
        guard !words.isEmpty else {
            probe.pictures = ownPictures.map { ($0, Self.likeScale) }
            return probe
        }
        if let model = models.text {
            probe.meaning = textVectors([words], model: model)?[words]
        } else if let problem = models.textProblem {
            warnings.append(problem + "; documents are judged without meaning")
        }
        if let ownPictures {
            probe.pictures = (ownPictures, Self.likeScale)
        } else if let asker = models.pictureQuery, request.documents.contains(where: { $0.file != nil }),
            let vector = textVectors([words], model: asker)?[words]
        {
            probe.pictures = (vector, .textToPicture)
        }
        return probe
    }

    /// One document's score and evidence.
    private mutating func judge(_ document: RerankRequest.Document, index: Int, probe: Probe, request: RerankRequest) -> RerankResponse.Result {
        var reading: RerankReading
        do {
            if let file = document.file {
                reading = try RerankReading.file(file, fps: document.fps ?? request.fps, maxFrames: request.maxFrames, cache: cache)
                if let text = document.text { reading.add(text: text) }
            } else if let text = document.text {
                reading = RerankReading(text: text)
            } else {
                return RerankResponse.Result(index: index, score: 0, problem: "documents[\(index)] has no text, image or video")
            }
        } catch {
            return RerankResponse.Result(index: index, score: 0, problem: Self.message(error))
        }
        let passages = passageSimilarities(of: reading, probe: probe)
        let pictures = pictureSimilarities(of: reading, probe: probe)
        var frames: [FrameWindow.Frame] = []
        var picture: Double?
        if let pictures {
            if reading.kind == .video {
                frames = zip(reading.pictures, pictures).compactMap { spot, similarity in
                    guard let similarity, let start = spot.start else { return nil }
                    return FrameWindow.Frame(start: start, end: spot.end ?? start, similarity: similarity)
                }
                picture = FrameWindow.best(of: frames)?.similarity
            } else {
                picture = pictures.compactMap { $0 }.max()
            }
        }
        let scale = probe.pictures?.scale ?? .textToPicture
        let features = DocumentFeatures.features(
            query: probe.query, kind: reading.kind, fields: reading.fields, meaning: passages?.compactMap { $0 }.max(), picture: picture,
            pictureScale: scale)
        var result = RerankResponse.Result(
            index: index, score: RerankResponse.rounded(RerankModel.documents.probability(features)), kind: reading.kind,
            components: RerankModel.documents.components(features))
        if reading.kind == .video {
            let timed = reading.passages.indices.compactMap { position -> DocumentMoment.Passage? in
                let passage = reading.passages[position]
                guard let start = passage.start else { return nil }
                return DocumentMoment.Passage(start: start, end: passage.end ?? start, text: passage.text, similarity: passages?[position] ?? nil)
            }
            result.moment = DocumentMoment.best(query: probe.query, passages: timed, frames: frames, pictureScale: pictures == nil ? nil : scale)
            result.topFrames = FrameWindow.top(frames)
        }
        return result
    }

    /// Each passage's best window's similarity to the query's meaning; nil when
    /// meaning is not judged.
    private mutating func passageSimilarities(of reading: RerankReading, probe: Probe) -> [Double?]? {
        guard let query = probe.meaning, let model = models.text, !reading.passages.isEmpty else { return nil }
        let windows = reading.passages.map { EmbeddingWindows.split($0.text) }
        guard let found = textVectors(windows.flatMap { $0 }, model: model) else { return nil }
        return windows.map { texts in texts.compactMap { found[$0].map { RerankVectors.similarity(query, $0) } }.max() }
    }

    /// Each picture's similarity to the query's picture probe; nil when pictures are not judged.
    private mutating func pictureSimilarities(of reading: RerankReading, probe: Probe) -> [Double?]? {
        guard let query = probe.pictures?.vector, !reading.pictures.isEmpty, let found = pictureVectors(of: reading) else { return nil }
        return found.map { $0.map { RerankVectors.similarity(query, $0) } }
    }

    /// A reason for the user, in one line.
    static func message(_ error: any Error) -> String {
        switch error {
        case let error as MediaError: error.description
        case let error as EngineError: error.message
        default: String(describing: error)
        }
    }
}
