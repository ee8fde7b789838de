public import MLibCore

/// Turns pictures into the `pixel_values` a CLIP vision tower reads, exactly as
/// transformers' `CLIPImageProcessor` does with Pillow.
///
/// The steps, each skipped when the configuration says so: resize with Pillow's
/// antialiased bicubic (or bilinear) filter so the shorter side is 224, take the
/// centred 224×224 window (zero pixels where the picture is smaller), scale bytes to
/// 0...1 and normalise each channel with CLIP's mean and standard deviation. The
/// resized bytes equal Pillow's bit for bit and the floats equal transformers'.
///
/// ```swift
/// let preprocessor = try CLIPImagePreprocessor(folder: modelFolder)
/// let values = preprocessor.pixelValues(picture)   // 3 × 224 × 224 floats, channel by channel
/// ```
///
/// Give it the picture as transformers' `load_image` would: EXIF orientation
/// applied, grey and palettes expanded to RGB, and transparency dropped (the colour
/// under a transparent pixel is kept, not blended with white). A 4000×3000 picture
/// takes about 13 ms on x86-64 (where the heavy pass uses SSE2), a 1000×750 one
/// about 1.5 ms.
public struct CLIPImagePreprocessor: Sendable {
    public let configuration: Configuration
    /// For each channel, the float every byte value becomes.
    private let table: [Float]
    /// The file the configuration came from, for errors.
    private let origin: String

    /// - Precondition: `mean` and `standardDeviation` have three values each, and
    ///   sizes are positive (as `Configuration.load(folder:)` ensures).
    public init(configuration: Configuration = Configuration()) {
        self.init(configuration: configuration, origin: Configuration.fileName)
    }

    /// The preprocessor `folder`'s `preprocessor_config.json` describes, or CLIP's
    /// when the folder has none.
    public init(folder: String) throws(InferenceError) {
        self.init(configuration: try Configuration.load(folder: folder), origin: folder + "/" + Configuration.fileName)
    }

    private init(configuration: Configuration, origin: String) {
        precondition(configuration.mean.count == 3 && configuration.standardDeviation.count == 3, "CLIPImagePreprocessor: image_mean and image_std need three values each")
        precondition(configuration.cropHeight > 0 && configuration.cropWidth > 0, "CLIPImagePreprocessor: the crop size must be positive")
        self.configuration = configuration
        self.origin = origin
        table = Self.valueTable(configuration)
    }

    /// Height and width of every picture's values when they do not depend on the
    /// picture (the crop size, or an exact resize without a crop); nil otherwise.
    public var fixedOutputSize: (height: Int, width: Int)? {
        if configuration.cropsCentre { return (configuration.cropHeight, configuration.cropWidth) }
        if configuration.resizes, case .exact(let height, let width) = configuration.size { return (height, width) }
        return nil
    }

    /// Height and width of the values of a `width` × `height` picture.
    public func outputSize(width: Int, height: Int) -> (height: Int, width: Int) {
        if let fixed = fixedOutputSize { return fixed }
        guard configuration.resizes else { return (height, width) }
        let resized = Self.resizedSize(width: width, height: height, to: configuration.size)
        return (resized.height, resized.width)
    }

    /// The pixel values of one picture: `3 × height × width` floats (see
    /// `outputSize`), all of the red channel row by row, then green, then blue.
    public func pixelValues(_ image: RGBImage) -> [Float] {
        let resized = configuration.resizes
            ? Self.resizedSize(width: image.width, height: image.height, to: configuration.size)
            : (width: image.width, height: image.height)
        let (outputHeight, outputWidth) = configuration.cropsCentre
            ? (configuration.cropHeight, configuration.cropWidth) : (resized.height, resized.width)
        let top = Self.cropStart(length: resized.height, crop: outputHeight)
        let left = Self.cropStart(length: resized.width, crop: outputWidth)
        // The part of the resized picture the window sees; the rest is padding.
        let rows = max(top, 0)..<min(top + outputHeight, resized.height)
        let columns = max(left, 0)..<min(left + outputWidth, resized.width)
        let visible = PILResampler(filter: configuration.resampling.filter)
            .resize(image, width: resized.width, height: resized.height, columns: columns, rows: rows)

        let planeSize = outputHeight * outputWidth
        return [Float](unsafeUninitializedCapacity: 3 * planeSize) { values, initialised in
            table.withUnsafeBufferPointer { table in
                visible.pixels.withUnsafeBufferPointer { pixels in
                    for channel in 0..<3 {
                        let channelTable = table.baseAddress! + channel * 256
                        let padding = channelTable[0]
                        let plane = values.baseAddress! + channel * planeSize
                        plane.initialize(repeating: padding, count: planeSize)
                        for row in rows {
                            let target = plane + (row - top) * outputWidth + (columns.lowerBound - left)
                            var source = pixels.baseAddress! + ((row - rows.lowerBound) * columns.count) * 3 + channel
                            for column in 0..<columns.count {
                                target[column] = channelTable[Int(source.pointee)]
                                source += 3
                            }
                        }
                    }
                }
            }
            initialised = 3 * planeSize
        }
    }

    /// The pixel values of several pictures, one after another: `count × 3 × height ×
    /// width` floats, as transformers stacks them into a batch.
    ///
    /// - Throws: `wrongShape` when the pictures' values differ in size, which only
    ///   a configuration without a centre crop allows.
    public func pixelValues(_ images: [RGBImage]) throws(InferenceError) -> [Float] {
        guard let first = images.first else { return [] }
        let size = outputSize(width: first.width, height: first.height)
        if let other = images.first(where: { outputSize(width: $0.width, height: $0.height) != size }) {
            throw InferenceError(.wrongShape, path: origin, message: "pictures of \(first.width)×\(first.height) and \(other.width)×\(other.height) give pixel values of different sizes; without a centre crop they cannot share a batch")
        }
        var values: [Float] = []
        values.reserveCapacity(images.count * 3 * size.height * size.width)
        for image in images {
            values += pixelValues(image)
        }
        return values
    }

    /// What each byte value of each channel becomes, computed as transformers does:
    /// the byte times `rescale_factor` in doubles, rounded to float32, then
    /// `(value - mean) / std` in float32.
    private static func valueTable(_ configuration: Configuration) -> [Float] {
        var table: [Float] = []
        table.reserveCapacity(3 * 256)
        for channel in 0..<3 {
            for byte in 0...255 {
                var value = configuration.rescales ? Float(Double(byte) * configuration.rescaleFactor) : Float(byte)
                if configuration.normalises {
                    value = (value - configuration.mean[channel]) / configuration.standardDeviation[channel]
                }
                table.append(value)
            }
        }
        return table
    }
}

extension CLIPImagePreprocessor.Configuration.Resampling {
    var filter: PILResampler.Filter {
        switch self {
        case .bilinear: .bilinear
        case .bicubic: .bicubic
        }
    }
}
