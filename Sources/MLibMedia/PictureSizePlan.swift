/// The sizes a picture is decoded and delivered at: how far the codec itself reduces
/// it (JPEG's `lowres`), then what swscale makes of that.
struct PictureSizePlan: Equatable {
    /// The codec's `lowres`: it decodes at 1/2^lowres of the stored size.
    var lowres: Int

    /// The `lowres` for a `width`×`height` picture under `request`, at most `maximum`.
    ///
    /// With a minimum short side, the deepest reduction that keeps the short side at or
    /// above it; otherwise the deepest that still leaves at least the pixels
    /// `maximumPixels` allows, so swscale only ever shrinks what the codec delivers.
    init(width: Int, height: Int, request: PictureRequest, maximumLowres maximum: Int) {
        lowres = 0
        guard width > 0, height > 0, maximum > 0 else { return }
        let target = Self.fitted(width: width, height: height, maximumPixels: request.maximumPixels)
        for level in stride(from: min(maximum, 3), through: 1, by: -1) {
            let fits: Bool
            if let minimum = request.minimumShortSide {
                fits = min(width >> level, height >> level) >= minimum
            } else {
                fits = Self.reduced(width, level) >= target.width && Self.reduced(height, level) >= target.height
            }
            if fits {
                lowres = level
                return
            }
        }
    }

    /// A side as a codec decoding at `lowres` delivers it (FFmpeg rounds up).
    static func reduced(_ side: Int, _ lowres: Int) -> Int {
        (side + (1 << lowres) - 1) >> lowres
    }

    /// `width`×`height` shrunk, proportions kept, to at most `maximumPixels`; unchanged
    /// when it has no more than that.
    static func fitted(width: Int, height: Int, maximumPixels: Int) -> (width: Int, height: Int) {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard overflow || pixels > maximumPixels else { return (width, height) }
        let scale = (Double(maximumPixels) / (Double(width) * Double(height))).squareRoot()
        var fitted = (width: max(1, Int(Double(width) * scale)), height: max(1, Int(Double(height) * scale)))
        while fitted.width * fitted.height > maximumPixels, fitted.width > 1 || fitted.height > 1 {
            if fitted.width >= fitted.height { fitted.width -= 1 } else { fitted.height -= 1 }
        }
        return fitted
    }
}
