public import Foundation

extension CLIPImagePreprocessor.Configuration {
    /// The name of the file a model folder keeps these settings in.
    public static let fileName = "preprocessor_config.json"

    /// The settings in `folder`'s `preprocessor_config.json`, or the defaults when the
    /// folder has no such file (transformers' `CLIPImageProcessor()` is what a CLIP
    /// model without one was trained with).
    public static func load(folder: String) throws(InferenceError) -> Self {
        let path = folder + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else { return Self() }
        return try Self(json: data, path: path)
    }

    /// The settings in the JSON `data`, read from `path`, over the defaults.
    ///
    /// `size` may be a number (the shortest edge), `{"shortest_edge": n}`,
    /// `{"height": h, "width": w}` or `[h, w]`; `crop_size` a number (a square),
    /// `{"height": h, "width": w}` or `[h, w]`; `image_mean` and `image_std` a number
    /// or three. Anything else transformers accepts but mlib does not run (another
    /// filter, `longest_edge`) is refused with an `unsupported` error rather than
    /// guessed at, since wrong pixels give wrong vectors without any other sign.
    public init(json data: Data, path: String) throws(InferenceError) {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw InferenceError(.malformed, path: path, message: "\(Self.fileName) is not a preprocessor configuration (\(BertConfiguration.summary(of: error))); fetch the model again")
        }
        self.init()
        resizes = file.doResize ?? resizes
        if let size = file.size { self.size = try size.resize(path: path) }
        if let resample = file.resample {
            guard let resampling = Resampling(rawValue: resample) else {
                throw InferenceError(.unsupported, path: path, message: "resample \(resample) is not supported; mlib resizes pictures with bilinear (2) or bicubic (3) filtering")
            }
            self.resampling = resampling
        }
        cropsCentre = file.doCenterCrop ?? cropsCentre
        if let crop = file.cropSize { (cropHeight, cropWidth) = try crop.crop(path: path) }
        rescales = file.doRescale ?? rescales
        rescaleFactor = file.rescaleFactor ?? rescaleFactor
        normalises = file.doNormalize ?? normalises
        if let values = file.imageMean { mean = try values.channels(key: "image_mean", path: path) }
        if let values = file.imageStd { standardDeviation = try values.channels(key: "image_std", path: path) }
        convertsToRGB = file.doConvertRGB ?? convertsToRGB
        try validate(path: path)
    }

    /// Refuses sizes and values no picture can be made with.
    private func validate(path: String) throws(InferenceError) {
        let sizes: [Int]
        switch size {
        case .shortestEdge(let edge): sizes = [edge, cropHeight, cropWidth]
        case .exact(let height, let width): sizes = [height, width, cropHeight, cropWidth]
        }
        guard sizes.allSatisfy({ $0 > 0 && $0 <= 1 << 16 }) else {
            throw InferenceError(.malformed, path: path, message: "\(Self.fileName) asks for a picture size of \(sizes.filter { $0 <= 0 || $0 > 1 << 16 }.first ?? 0) pixels; sizes must be between 1 and 65536")
        }
        guard rescaleFactor.isFinite, (mean + standardDeviation).allSatisfy(\.isFinite), !standardDeviation.contains(0) else {
            throw InferenceError(.malformed, path: path, message: "\(Self.fileName) has a rescale_factor, image_mean or image_std that is not a finite number (or a zero image_std); fetch the model again")
        }
    }

    /// The keys of `preprocessor_config.json` mlib reads; others are ignored.
    private struct File: Decodable {
        var doResize: Bool?
        var size: Dimensions?
        var resample: Int?
        var doCenterCrop: Bool?
        var cropSize: Dimensions?
        var doRescale: Bool?
        var rescaleFactor: Double?
        var doNormalize: Bool?
        var imageMean: ChannelValues?
        var imageStd: ChannelValues?
        var doConvertRGB: Bool?

        enum CodingKeys: String, CodingKey {
            case doResize = "do_resize", size, resample, doCenterCrop = "do_center_crop", cropSize = "crop_size"
            case doRescale = "do_rescale", rescaleFactor = "rescale_factor", doNormalize = "do_normalize"
            case imageMean = "image_mean", imageStd = "image_std", doConvertRGB = "do_convert_rgb"
        }
    }

    /// `size` or `crop_size` as written: a number, `[height, width]`, or an object.
    private enum Dimensions: Decodable {
        case number(Int)
        case pair([Int])
        case object([String: Int?])

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let number = try? value.decode(Int.self) {
                self = .number(number)
            } else if let pair = try? value.decode([Int].self) {
                self = .pair(pair)
            } else {
                self = .object(try value.decode([String: Int?].self))
            }
        }

        /// The keys of the object that have a value.
        private var keys: [String: Int] {
            guard case .object(let object) = self else { return [:] }
            return object.compactMapValues { $0 }
        }

        func resize(path: String) throws(InferenceError) -> Size {
            switch self {
            case .number(let edge): return .shortestEdge(edge)
            case .pair(let pair) where pair.count == 2: return .exact(height: pair[0], width: pair[1])
            case .pair(let pair) where pair.count == 1: return .shortestEdge(pair[0])
            default:
                let keys = keys
                if let height = keys["height"], let width = keys["width"], keys.count == 2 { return .exact(height: height, width: width) }
                if let edge = keys["shortest_edge"], keys.count == 1 { return .shortestEdge(edge) }
                throw InferenceError(.unsupported, path: path, message: "size \(describe) is not supported; mlib resizes to {\"shortest_edge\": n} or {\"height\": h, \"width\": w}")
            }
        }

        func crop(path: String) throws(InferenceError) -> (height: Int, width: Int) {
            switch self {
            case .number(let side): return (side, side)
            case .pair(let pair) where pair.count == 2: return (pair[0], pair[1])
            default:
                let keys = keys
                if let height = keys["height"], let width = keys["width"], keys.count == 2 { return (height, width) }
                throw InferenceError(.unsupported, path: path, message: "crop_size \(describe) is not supported; mlib crops to {\"height\": h, \"width\": w} or a number")
            }
        }

        private var describe: String {
            switch self {
            case .number(let number): "\(number)"
            case .pair(let pair): "\(pair)"
            case .object: "{" + keys.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
            }
        }
    }

    /// `image_mean` or `image_std` as written: one number for every channel, or three.
    private enum ChannelValues: Decodable {
        case one(Double)
        case each([Double])

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let number = try? value.decode(Double.self) {
                self = .one(number)
            } else {
                self = .each(try value.decode([Double].self))
            }
        }

        /// Three float32 values, rounded from the doubles as numpy rounds them.
        func channels(key: String, path: String) throws(InferenceError) -> [Float] {
            switch self {
            case .one(let value): return Array(repeating: Float(value), count: 3)
            case .each(let values):
                guard values.count == 3 else {
                    throw InferenceError(.malformed, path: path, message: "\(key) has \(values.count) values; an RGB picture needs 3")
                }
                return values.map { Float($0) }
            }
        }
    }
}
