import MLibCore
import MLibIngest
import MLibMedia

extension RerankReading {
    /// Two frame times closer than this are the same frame.
    static let sameFrame = 0.002

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
            var due = wanted.compactMap { index in pictures[index].start.map { (index, $0) } }.sorted { $0.1 < $1.1 }
            guard !due.isEmpty else { return }
            // The same rate and budget as the reading, so the same frames come back.
            let sampler = FrameSampler(fps: fps, frameBudget: maxFrames, maximumShortSide: Engine.pictureShortSide)
            var frames = try sampler.frames(file.path)
            while !due.isEmpty, let frame = try frames.next() {
                due.removeAll { $0.1 < frame.time - Self.sameFrame }
                while let next = due.first, abs(next.1 - frame.time) <= Self.sameFrame {
                    try body(next.0, frame.image)
                    due.removeFirst()
                }
            }
        case .text:
            return
        }
    }
}
