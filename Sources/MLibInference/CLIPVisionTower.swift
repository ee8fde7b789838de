/// CLIP's vision tower: pixel_values in, L2-normalised vectors of the shared space out.
///
/// The image is cut into patches, each flattened channel by row by column and
/// multiplied by the patch convolution's weight (a convolution whose stride is its
/// kernel is one matrix product); the class embedding goes first, positions are
/// added, then `pre_layrnorm`, the transformer, `post_layernorm` of the class token
/// and the visual projection, as transformers' `CLIPModel.get_image_features`
/// followed by normalisation.
///
/// pixel_values are what `CLIPImageProcessor` makes: `3 × size × size` floats,
/// channels first, already resized, cropped, rescaled and normalised. Weights are
/// used in place from the mapped file where they are F32; `embed` keeps no state, so
/// one tower serves any number of threads.
public final class CLIPVisionTower: Sendable {
    public let configuration: CLIPConfiguration
    private let classEmbedding: Weight
    private let patchEmbedding: Weight
    private let positionEmbedding: Weight
    private let preNorm: NormLayer
    private let encoder: CLIPEncoder
    private let postNorm: NormLayer
    private let projection: Weight

    /// Builds the tower from `vision_model.*` and `visual_projection.weight` in `weights`.
    public init(configuration: CLIPConfiguration, weights: SafetensorsFile) throws(InferenceError) {
        let vision = configuration.vision
        let hidden = vision.encoder.hiddenSize
        let epsilon = vision.encoder.layerNormEpsilon
        self.configuration = configuration
        classEmbedding = try weights.weight(named: "vision_model.embeddings.class_embedding", expectedShape: [hidden])
        patchEmbedding = try weights.weight(
            named: "vision_model.embeddings.patch_embedding.weight",
            expectedShape: [hidden, vision.channelCount, vision.patchSize, vision.patchSize])
        positionEmbedding = try weights.weight(named: "vision_model.embeddings.position_embedding.weight", expectedShape: [vision.tokenCount, hidden])
        preNorm = try NormLayer("vision_model.pre_layrnorm", from: weights, width: hidden, epsilon: epsilon)
        encoder = try CLIPEncoder("vision_model.encoder.", configuration: vision.encoder, causal: false, weights: weights)
        postNorm = try NormLayer("vision_model.post_layernorm", from: weights, width: hidden, epsilon: epsilon)
        projection = try weights.weight(named: "visual_projection.weight", expectedShape: [configuration.projectionDimension, hidden])
    }

    /// Length of the vectors: the projection's width.
    public var dimension: Int { configuration.projectionDimension }

    /// Floats in one image's pixel_values.
    public var pixelCount: Int { configuration.vision.pixelCount }

    /// Whether every F32 weight is read in place from the mapped file.
    var usesMappedWeights: Bool {
        ([classEmbedding, patchEmbedding, positionEmbedding, preNorm.weight, postNorm.weight, projection] + encoder.weights).allSatisfy(\.isMapped)
    }

    /// Images per pass: enough rows for efficient products, few enough that a pass's
    /// scratch stays in tens of megabytes (ViT-L/14's 257 tokens make 7 images a pass).
    private var imagesPerPass: Int { max(1, 2048 / configuration.vision.tokenCount) }

    /// One L2-normalised vector per image, in order.
    ///
    /// - Precondition: each element of `pixelValues` holds `pixelCount` floats.
    public func embed(pixelValues: [[Float]]) -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(pixelValues.count)
        var start = 0
        while start < pixelValues.count {
            let end = min(start + imagesPerPass, pixelValues.count)
            vectors += embedPass(pixelValues[start..<end])
            start = end
        }
        return vectors
    }

    private func embedPass(_ images: ArraySlice<[Float]>) -> [[Float]] {
        let vision = configuration.vision
        let hidden = vision.encoder.hiddenSize
        let tokens = vision.tokenCount
        let patches = tokens - 1
        let patchWidth = vision.channelCount * vision.patchSize * vision.patchSize
        let count = images.count
        let packing = CLIPEncoder.Packing(lengths: Array(repeating: tokens, count: count))

        // Every patch of every image as one row, then all rows through one product.
        let flattened = UnsafeMutablePointer<Float>.allocate(capacity: count * patches * patchWidth)
        let embedded = UnsafeMutablePointer<Float>.allocate(capacity: count * patches * hidden)
        let states = UnsafeMutablePointer<Float>.allocate(capacity: packing.rows * hidden)
        defer {
            flattened.deallocate()
            embedded.deallocate()
            states.deallocate()
        }
        for (entry, pixels) in images.enumerated() {
            precondition(pixels.count == vision.pixelCount, "pixel_values of \(pixels.count) floats, the model reads \(vision.channelCount)×\(vision.imageSize)×\(vision.imageSize)")
            pixels.withUnsafeBufferPointer { pixels in
                flatten(pixels.baseAddress!, into: flattened + entry * patches * patchWidth)
            }
        }
        CLIPProducts.apply(weight: patchEmbedding, bias: nil, input: flattened, rows: count * patches, output: embedded)
        classEmbedding.withPointer { classRow in
            positionEmbedding.withPointer { positions in
                for entry in 0..<count {
                    let image = states + entry * tokens * hidden
                    for column in 0..<hidden { image[column] = classRow[column] + positions[column] }
                    for patch in 0..<patches {
                        let target = image + (patch + 1) * hidden
                        let source = embedded + (entry * patches + patch) * hidden
                        let place = positions + (patch + 1) * hidden
                        for column in 0..<hidden { target[column] = source[column] + place[column] }
                    }
                }
            }
        }
        preNorm.weight.withPointer { weight in
            preNorm.bias.withPointer { bias in
                CLIPKernels.layerNorm(states, into: states, rows: packing.rows, columns: hidden, weight: weight, bias: bias, epsilon: preNorm.epsilon)
            }
        }
        var pooled = encoder.wantedStates(states, packing: packing, wanted: Array(repeating: 0, count: count))
        return CLIPProjection.project(&pooled, rows: count, norm: postNorm, projection: projection)
    }

    /// Writes the patches of one image (`channels × size × size`) as rows of
    /// `channels · patch · patch` floats, in raster order of the patch grid.
    private func flatten(_ pixels: UnsafePointer<Float>, into rows: UnsafeMutablePointer<Float>) {
        let vision = configuration.vision
        let size = vision.imageSize
        let patch = vision.patchSize
        let grid = vision.gridSize
        var target = rows
        for gridRow in 0..<grid {
            for gridColumn in 0..<grid {
                for channel in 0..<vision.channelCount {
                    for row in 0..<patch {
                        let source = pixels + channel * size * size + (gridRow * patch + row) * size + gridColumn * patch
                        target.update(from: source, count: patch)
                        target += patch
                    }
                }
            }
        }
    }
}
