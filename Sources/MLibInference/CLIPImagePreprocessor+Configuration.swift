extension CLIPImagePreprocessor {
    /// How pictures become pixel values: a model folder's `preprocessor_config.json`,
    /// with the values of `openai/clip-vit-base-patch32` (transformers'
    /// `CLIPImageProcessor` defaults) for anything it leaves out.
    ///
    /// Each property is one key of the file; `init()` gives the defaults.
    public struct Configuration: Sendable, Hashable {
        /// The size a picture is resized to, as `size` says.
        public enum Size: Sendable, Hashable {
            /// The shorter side becomes this many pixels; the longer one keeps the
            /// aspect ratio, rounded down (`{"shortest_edge": n}`, or a bare number).
            case shortestEdge(Int)
            /// Exactly this size, whatever the aspect ratio (`{"height": h, "width": w}`).
            case exact(height: Int, width: Int)
        }

        /// The resampling filter, numbered as Pillow numbers them (`resample`).
        public enum Resampling: Int, Sendable, Hashable, CaseIterable {
            /// Pillow's `BILINEAR` (2).
            case bilinear = 2
            /// Pillow's `BICUBIC` (3), CLIP's filter.
            case bicubic = 3
        }

        /// `do_resize`.
        public var resizes: Bool
        /// `size`.
        public var size: Size
        /// `resample`.
        public var resampling: Resampling
        /// `do_center_crop`.
        public var cropsCentre: Bool
        /// `crop_size`'s height.
        public var cropHeight: Int
        /// `crop_size`'s width.
        public var cropWidth: Int
        /// `do_rescale`.
        public var rescales: Bool
        /// `rescale_factor`, 1/255 by default.
        public var rescaleFactor: Double
        /// `do_normalize`.
        public var normalises: Bool
        /// `image_mean`, one value per channel (red, green, blue).
        public var mean: [Float]
        /// `image_std`, one value per channel (red, green, blue).
        public var standardDeviation: [Float]
        /// `do_convert_rgb`. Kept for completeness: an `RGBImage` is already RGB, so
        /// it changes nothing here.
        public var convertsToRGB: Bool

        /// OpenAI CLIP's settings: shorter side to 224 with bicubic resampling, a
        /// 224×224 centre crop, values scaled to 0...1 and normalised with CLIP's
        /// mean and standard deviation.
        public init() {
            resizes = true
            size = .shortestEdge(224)
            resampling = .bicubic
            cropsCentre = true
            cropHeight = 224
            cropWidth = 224
            rescales = true
            rescaleFactor = 1.0 / 255.0
            normalises = true
            // Rounded from doubles, as numpy rounds Python's floats to float32.
            mean = [0.48145466, 0.4578275, 0.40821073].map { Float($0 as Double) }
            standardDeviation = [0.26862954, 0.26130258, 0.27577711].map { Float($0 as Double) }
            convertsToRGB = true
        }
    }
}
