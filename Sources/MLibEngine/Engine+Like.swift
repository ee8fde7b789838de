import Foundation
public import MLibCore
import MLibIngest
import MLibMedia
public import MLibSearch
import MLibStore
import MLibWatch

extension Engine {
    /// Floor of a picture-to-picture channel: CLIP puts unrelated photos around
    /// 0.4–0.5 and the same scene from another angle above 0.8.
    static let likePictureFloor: Float = 0.5
    static let likePictureSure: Float = 0.85
    /// Frames of a video outside the library embedded for `--like`, at most.
    static let likeFrames = 16

    /// Items like the file at `path` (an image, a video or a note, in the library or
    /// not), across kinds: by meaning of its text (the text model), by its pictures
    /// against pictures (the picture model), and, for a note, by its text against
    /// pictures (the picture-query model). The file itself is not among the results.
    public func searchLike(_ path: RawPath, options: SearchOptions) throws -> SearchOutcome {
        var warnings: [String] = []
        let absolute = (try? PathResolver.absolute(path)) ?? path
        let stored = try library.item(path: absolute)
        let example = try stored.map { try storedExample($0) } ?? readExample(absolute)
        var channels: [any RecallChannel] = []
        if let text = try library.model(for: .text), let vector = example.text[text.id] ?? (try? embedText(example.passages, model: text)) {
            channels.append(VectorChannel(name: "text:" + text.name, store: try vectorStore(for: text, warnings: &warnings), queryVector: vector))
        }
        if let picture = try library.model(for: .picture) {
            let store = try vectorStore(for: picture, warnings: &warnings)
            if let vector = example.pictures ?? (try? embedPictures(example.images, model: picture)) {
                channels.append(VectorChannel(
                    name: "picture:" + picture.name, store: store, queryVector: vector, floor: Self.likePictureFloor, sure: Self.likePictureSure, space: .picture))
            } else if let asker = try library.model(for: .pictureQuery), let passage = example.passages.first,
                let vector = try? queryVector(String(passage.prefix(300)), model: asker)
            {
                channels.append(VectorChannel(
                    name: "picture:" + picture.name, store: store, queryVector: vector, floor: VectorChannel.pictureFloor,
                    sure: VectorChannel.pictureSure, space: .picture))
            }
        }
        if channels.isEmpty {
            throw EngineError(
                .unknownModel, "nothing to compare \(path.displayString) by: the library has no vectors of its kind (run `mlib index` with a model)")
        }
        var wider = options
        wider.mode = .semantic
        wider.limit = options.limit + 1
        var results = try SearchEngine(library: library, vectorChannels: channels).search(path.fileName, options: wider)
        results.hits.removeAll { $0.itemID == stored?.id || $0.path == absolute }
        results.hits = Array(results.hits.prefix(options.limit))
        for index in results.hits.indices { results.hits[index].rank = index + 1 }
        return SearchOutcome(results: results, warnings: warnings)
    }

    /// What an example file offers to compare by.
    struct Example {
        /// Mean vector per text model id, for a stored item.
        var text: [Int64: [Float]] = [:]
        /// Mean picture vector, for a stored item.
        var pictures: [Float]?
        /// Text to embed, for a file outside the library.
        var passages: [String] = []
        /// Pictures to embed, for a file outside the library.
        var images: [RGBImage] = []
    }

    private func storedExample(_ item: StoredItem) throws -> Example {
        var example = Example()
        if let text = try library.model(for: .text) {
            example.text[text.id] = Self.mean(try library.itemVectors(itemID: item.id, modelID: text.id, dimension: text.dimension))
        }
        if let picture = try library.model(for: .picture) {
            example.pictures = Self.mean(try library.itemVectors(itemID: item.id, modelID: picture.id, dimension: picture.dimension))
        }
        example.passages = try library.segments(itemID: item.id)
            .filter { Library.embeddedFields.contains($0.field) && $0.modality == .text }.map(\.text)
        return example
    }

    private func readExample(_ path: RawPath) throws -> Example {
        let extraction: Extraction
        do {
            extraction = try MediaExtractor(pictures: PictureOptions(fps: 0.5)).extract(path)
        } catch {
            throw EngineError(.unknownModel, "cannot read \(error.description)")
        }
        var example = Example()
        example.passages = extraction.segments.filter { Library.embeddedFields.contains($0.field) && $0.modality == .text }.map(\.text)
        switch extraction.kind {
        case .image:
            if let decoded = try? PictureDecoder().decode(path, request: PictureRequest(minimumShortSide: Self.pictureShortSide)) {
                example.images = [decoded.image]
            }
        case .video:
            let options = PictureOptions(fps: 1)
            let sampler = FrameSampler(fps: options.fps, frameBudget: Self.likeFrames, maximumShortSide: Self.pictureShortSide)
            _ = try? sampler.sample(path) { frame in
                if !PictureUniformity(of: frame.image).isNearUniform { example.images.append(frame.image) }
            }
        case .text:
            break
        }
        return example
    }

    private func embedText(_ passages: [String], model: StoredModel) throws -> [Float]? {
        guard !passages.isEmpty else { return nil }
        let embedder = try textEmbedder(for: try finder.find(model).get())
        return Self.mean(try embedder.embed(Array(passages.prefix(16))))
    }

    private func embedPictures(_ images: [RGBImage], model: StoredModel) throws -> [Float]? {
        guard !images.isEmpty else { return nil }
        let embedder = try pictureEmbedder(for: try finder.find(model).get())
        return Self.mean(try embedder.embed(pictures: images))
    }

    /// The normalised mean of `vectors`, nil for none.
    static func mean(_ vectors: [[Float]]) -> [Float]? {
        guard let first = vectors.first else { return nil }
        var sum = [Float](repeating: 0, count: first.count)
        for vector in vectors where vector.count == sum.count {
            for index in sum.indices { sum[index] += vector[index] }
        }
        return VectorMath.normalized(sum)
    }
}
