import MLibCore
import MLibIngest
import MLibMedia

extension RerankReading {
    /// Two frame times closer than this are the same frame.

    /// The key of each picture's vector, as the indexer's picture pass keys it (the
    /// file's content and the frame's time), so vectors of indexed files are reused.
    var pictureKeys: [[UInt8]] {
        guard let file else { return [] }
        return pictures.map { PictureEmbeddingPass.vectorHash(contentHash: file.contentHash, time: $0.start) }
    }

    /// Decodes the pictures at `wanted` (indices into `pictures`) again, at the size
    /// picture models are given, and calls `body` with each that could be decoded.
    func decodePictures(_ wanted: Set<Int>, _ body: (Int, RGBImage) throws -> Void) throws {
        guard let file, !wanted.isEmpty else { return }
        switch kind {
        case .image:
            let decoded = try PictureDecoder().decode(file.path, request: PictureRequest(minimumShortSide: Engine.pictureShortSide))
            for index in wanted.sorted() { try body(index, decoded.image) }
        case .video:
            let due = wanted.compactMap { index in pictures[index].start.map { (key: index, time: $0) } }
            // The same rate and budget as the reading, so the same frames come back.
            let sampler = FrameSampler(fps: fps, frameBudget: maxFrames, maximumShortSide: Engine.pictureShortSide)
            try sampler.revisit(file.path, at: due, body)
        case .text:
            return
        }
    }
}
