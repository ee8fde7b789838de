/// How a stored picture must be turned to be seen upright: the eight values of the
/// EXIF/TIFF `Orientation` tag.
///
/// Rotations are clockwise, as the picture is displayed. The four that turn by 90° or
/// 270° swap width and height.
public enum ImageOrientation: Int, Sendable, Hashable, CaseIterable {
    /// 1: stored upright.
    case up = 1
    /// 2: mirrored left to right.
    case upMirrored = 2
    /// 3: turned by 180°.
    case down = 3
    /// 4: mirrored top to bottom.
    case downMirrored = 4
    /// 5: mirrored left to right, then turned by 270° (a transpose).
    case leftMirrored = 5
    /// 6: turned by 90°, as phones held upright store their photos.
    case right = 6
    /// 7: mirrored left to right, then turned by 90° (a transverse).
    case rightMirrored = 7
    /// 8: turned by 270°.
    case left = 8

    /// Whether turning the picture upright swaps its width and height.
    public var swapsSides: Bool {
        rawValue >= 5
    }

    /// The orientation that turns a picture by `degrees` clockwise (a multiple of 90).
    init(clockwiseDegrees degrees: Int) {
        switch ((degrees % 360) + 360) % 360 {
        case 90: self = .right
        case 180: self = .down
        case 270: self = .left
        default: self = .up
        }
    }
}
