public import MLibCore

/// A picture decoded from a file, turned upright.
public struct DecodedPicture: Sendable, Hashable {
    /// The pixels, upright (the orientation applied), at most the request's size.
    public var image: RGBImage
    /// The width the file stores, before any reduction or turning.
    public var sourceWidth: Int
    /// The height the file stores, before any reduction or turning.
    public var sourceHeight: Int
    /// The turn the file asked for (EXIF `Orientation`), already applied to `image`.
    public var orientation: ImageOrientation
    /// The fraction of the stored size the codec decoded at: 1, or 2, 4 or 8 when a
    /// JPEG was decoded reduced (before any further scaling).
    public var reduction: Int

    public init(image: RGBImage, sourceWidth: Int, sourceHeight: Int, orientation: ImageOrientation, reduction: Int) {
        self.image = image
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.orientation = orientation
        self.reduction = reduction
    }
}
