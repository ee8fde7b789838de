public import MLibCore

/// How ingest looks at pictures: how often to sample a video's frames and when to
/// read text off pixels.
public struct PictureOptions: Sendable, Hashable {
    /// Frames sampled per second of video (0.1 … 5).
    public var fps: Double
    /// When to run OCR on images and frames.
    public var ocr: OCRMode
    /// At most this many frames per video; longer videos are sampled evenly instead.
    public var frameBudget: Int

    /// The slowest and fastest frame rates `--fps` accepts.
    public static let fpsRange: ClosedRange<Double> = 0.1...5

    public init(fps: Double = 1, ocr: OCRMode = .auto, frameBudget: Int = 1800) {
        self.fps = fps.isFinite ? min(max(fps, Self.fpsRange.lowerBound), Self.fpsRange.upperBound) : 1
        self.ocr = ocr
        self.frameBudget = max(1, frameBudget)
    }

    /// How pixels of an item of `kind` are read under these options, stored with the
    /// item (`picture_reading`): an unchanged file read another way is read again.
    public func readingKey(for kind: ItemKind) -> String {
        kind == .video ? "v1 ocr=\(ocr.rawValue) fps=\(fps)" : "v1 ocr=\(ocr.rawValue)"
    }
}
