public import MLibCore
import MLibMedia
public import MLibStore

/// Pictures from the files themselves: an image decoded again at reduced size, a
/// video's frames sampled again at the rate it was read with (the same rate gives the
/// same frames, by their timestamps).
public struct MediaPictureSource: PictureSource {
    /// Shorter side pictures are decoded at, at least: CLIP resizes to 224 from there.
    static let shortSide = 448
    /// Two frame times closer than this are the same frame.

    public init() {}

    public func pictures(of target: PictureTarget, _ body: (Int64, RGBImage) throws -> Void) throws {
        switch target.kind {
        case .image:
            let decoded = try PictureDecoder().decode(target.path, request: PictureRequest(minimumShortSide: Self.shortSide))
            for picture in target.pictures { try body(picture.segmentID, decoded.image) }
        case .video:
            let wanted = target.pictures.compactMap { picture in picture.time.map { (key: picture.segmentID, time: $0) } }
            let options = PictureOptions(fps: target.frameRate ?? 1)
            let sampler = FrameSampler(fps: options.fps, frameBudget: options.frameBudget, maximumShortSide: Self.shortSide)
            try sampler.revisit(target.path, at: wanted, body)
        case .text:
            return
        }
    }
}
