public import MLibCore
public import MLibStore

/// Where a picture pass gets pixels: the image file decoded again, or the video's
/// frames sampled again at the interval used when it was read.
public protocol PictureSource: Sendable {
    /// Calls `body` with each wanted picture of `target` (by segment id), in order.
    /// Pictures that cannot be read are skipped; a file that cannot be read at all throws.
    func pictures(of target: PictureTarget, _ body: (Int64, RGBImage) throws -> Void) throws
}
