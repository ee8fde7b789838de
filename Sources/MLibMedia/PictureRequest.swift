/// What a caller needs of a decoded picture: how large at least, how large at most,
/// and how long decoding may take.
///
/// ```swift
/// // Enough for a 224-pixel model input, decoded as cheaply as the file allows:
/// let request = PictureRequest(minimumShortSide: 224)
/// ```
public struct PictureRequest: Sendable, Hashable {
    /// Pictures with more pixels than this are reduced, by default: 16 megapixels.
    public static let defaultMaximumPixels = 16_000_000

    /// The shorter side the result must keep, or nil for the stored size.
    ///
    /// When set, a decoder that can decode at a fraction of the stored size (JPEG
    /// decodes at 1/2, 1/4 or 1/8) does so as long as the shorter side stays at or
    /// above this; the result is not scaled further to meet it exactly.
    public var minimumShortSide: Int?

    /// The most pixels the result may have; larger pictures are reduced, first by the
    /// decoder where it can, then by swscale, keeping their proportions. This wins over
    /// `minimumShortSide` when the two disagree.
    public var maximumPixels: Int

    /// How long FFmpeg may spend reading a file through its container layer (HEIF and
    /// AVIF) before it gives up. Other formats are decoded from memory, where the pixel
    /// limits bound the work instead.
    public var timeLimit: Duration

    public init(
        minimumShortSide: Int? = nil, maximumPixels: Int = PictureRequest.defaultMaximumPixels,
        timeLimit: Duration = .seconds(20)
    ) {
        self.minimumShortSide = minimumShortSide.map { max(1, $0) }
        self.maximumPixels = max(1, maximumPixels)
        self.timeLimit = timeLimit
    }
}
