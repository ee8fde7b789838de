import Foundation
import Testing
import MLibCore
import MLibTestSupport
@testable import MLibInference

/// CLIP folders beyond the golden vectors: configurations of the real model sizes,
/// the legacy end token, the facade's errors, and the inspector's two towers.
struct CLIPModelTests {
    private let folder = CLIPFixtures.folder(CLIPFixtures.clip)

    /// A copy of the tiny CLIP folder, `change` applied.
    private func copy(_ change: (TemporaryDirectory) throws -> Void = { _ in }) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
            try FileManager.default.copyItem(atPath: folder + "/" + file, toPath: directory.path(file))
        }
        try change(directory)
        return directory
    }

    /// The text and vision settings of OpenAI's ViT-B/32, B/16 and L/14 as their
    /// `config.json` files give them (L/14 in the older `*_config_dict` spelling).
    static let realSizes: [(name: String, json: String, tokens: Int, projection: Int)] = [
        ("ViT-B/32", #"{"model_type": "clip", "projection_dim": 512, "text_config": {"eos_token_id": 2, "hidden_size": 512, "intermediate_size": 2048, "num_attention_heads": 8, "num_hidden_layers": 12}, "vision_config": {"hidden_size": 768, "intermediate_size": 3072, "num_attention_heads": 12, "num_hidden_layers": 12, "patch_size": 32, "image_size": 224}}"#, 50, 512),
        ("ViT-B/16", #"{"model_type": "clip", "projection_dim": 512, "text_config": {"hidden_size": 512, "intermediate_size": 2048, "num_attention_heads": 8, "num_hidden_layers": 12}, "vision_config": {"hidden_size": 768, "intermediate_size": 3072, "num_attention_heads": 12, "num_hidden_layers": 12, "patch_size": 16, "image_size": 224}}"#, 197, 512),
        ("ViT-L/14", #"{"model_type": "clip", "projection_dim": 768, "text_config": {}, "text_config_dict": {"hidden_size": 768, "intermediate_size": 3072, "num_attention_heads": 12, "projection_dim": 768}, "vision_config": {}, "vision_config_dict": {"hidden_size": 1024, "intermediate_size": 4096, "num_attention_heads": 16, "num_hidden_layers": 24, "patch_size": 14}}"#, 257, 768),
    ]

    /// A safetensors file with every tensor of a CLIPModel of `configuration`'s shape,
    /// written as a header and a hole: gigabytes long, no disk used.
    static func sparseWeights(_ configuration: CLIPConfiguration, at path: String) throws {
        let text = configuration.text
        let vision = configuration.vision
        var shapes: [(String, [Int])] = [
            ("text_model.embeddings.token_embedding.weight", [text.vocabularySize, text.encoder.hiddenSize]),
            ("text_model.embeddings.position_embedding.weight", [text.maxPositions, text.encoder.hiddenSize]),
            ("text_model.final_layer_norm.weight", [text.encoder.hiddenSize]), ("text_model.final_layer_norm.bias", [text.encoder.hiddenSize]),
            ("text_projection.weight", [configuration.projectionDimension, text.encoder.hiddenSize]),
            ("vision_model.embeddings.class_embedding", [vision.encoder.hiddenSize]),
            ("vision_model.embeddings.patch_embedding.weight", [vision.encoder.hiddenSize, 3, vision.patchSize, vision.patchSize]),
            ("vision_model.embeddings.position_embedding.weight", [vision.tokenCount, vision.encoder.hiddenSize]),
            ("visual_projection.weight", [configuration.projectionDimension, vision.encoder.hiddenSize]),
            ("logit_scale", []),
        ]
        for name in ["vision_model.pre_layrnorm", "vision_model.post_layernorm"] {
            shapes += [(name + ".weight", [vision.encoder.hiddenSize]), (name + ".bias", [vision.encoder.hiddenSize])]
        }
        for (tower, encoder) in [("text_model", text.encoder), ("vision_model", vision.encoder)] {
            let hidden = encoder.hiddenSize
            for layer in 0..<encoder.layerCount {
                let base = "\(tower).encoder.layers.\(layer)."
                for projection in ["q_proj", "k_proj", "v_proj", "out_proj"] {
                    shapes += [(base + "self_attn.\(projection).weight", [hidden, hidden]), (base + "self_attn.\(projection).bias", [hidden])]
                }
                shapes += [
                    (base + "mlp.fc1.weight", [encoder.intermediateSize, hidden]), (base + "mlp.fc1.bias", [encoder.intermediateSize]),
                    (base + "mlp.fc2.weight", [hidden, encoder.intermediateSize]), (base + "mlp.fc2.bias", [hidden]),
                ]
                for norm in ["layer_norm1", "layer_norm2"] {
                    shapes += [(base + norm + ".weight", [hidden]), (base + norm + ".bias", [hidden])]
                }
            }
        }
        var header: [String: Any] = [:]
        var offset = 0
        for (name, shape) in shapes {
            let bytes = shape.reduce(4, *)
            header[name] = ["dtype": "F32", "shape": shape, "data_offsets": [offset, offset + bytes]]
            offset += bytes
        }
        var json = try JSONSerialization.data(withJSONObject: header)
        while json.count % 8 != 0 { json.append(0x20) }
        var file = withUnsafeBytes(of: UInt64(json.count).littleEndian) { Data($0) }
        file += json
        try file.write(to: URL(fileURLWithPath: path))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(file.count + offset))
        try handle.close()
    }

    @Test(arguments: realSizes.indices)
    func theRealSizesLoad(index: Int) throws {
        let size = Self.realSizes[index]
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try write(size.json, to: directory.path("config.json"))
        let configuration = try CLIPConfiguration.load(folder: directory.path)
        #expect(configuration.vision.tokenCount == size.tokens, "\(size.name)")
        #expect(configuration.projectionDimension == size.projection)
        #expect(configuration.text.vocabularySize == 49408 && configuration.text.maxPositions == 77)
        #expect(configuration.vision.encoder.activation == .quickGELU)
        try Self.sparseWeights(configuration, at: directory.path("model.safetensors"))
        let weights = try SafetensorsFile(path: directory.path("model.safetensors"))
        let text = try CLIPTextTower(configuration: configuration, weights: weights)
        let vision = try CLIPVisionTower(configuration: configuration, weights: weights)
        #expect(text.usesMappedWeights && vision.usesMappedWeights)
        #expect(text.dimension == size.projection && vision.pixelCount == 3 * 224 * 224)
    }

    @Test func theLegacyEndTokenPoolsAtTheLargestID() throws {
        let expected = try CLIPFixtures.reference().clip
        let directory = try copy { directory in
            let path = directory.path("config.json")
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: #""eos_token_id": 49407"#, with: #""eos_token_id": 2"#)
            try write(text, to: path)
        }
        defer { directory.remove() }
        let model = try CLIPModel(folder: directory.path)
        #expect(model.configuration.poolsAtLargestID)
        let vectors = try model.embed(texts: expected.strings.map(\.text))
        for (vector, string) in zip(vectors, expected.strings) {
            let (cosine, _) = agreement(vector, string.embedding)
            #expect(cosine >= 0.9999, "\(string.text.debugDescription)")
        }
    }

    @Test func theFacadeChecksItsInputsAndLoadsEachTowerAlone() throws {
        let model = try CLIPModel(folder: folder)
        #expect(model.dimension == 12 && model.modelName == "tiny-clip")
        #expect(try model.embed(texts: []).isEmpty && model.embed(pixelValues: []).isEmpty)
        let error = #expect(throws: InferenceError.self) { try model.embed(pixelValues: [[0, 1, 2]]) }
        #expect(error?.code == .wrongShape)
        #expect(try model.tokenIDs("a cat") == [49406, 320, 2368, 49407])
        let embedder: any TextEmbedder = model.textEmbedder
        #expect(try embedder.dimension == 12 && embedder.modelName == "tiny-clip")

        let gray = try model.pictureEmbedder { _ in [Float](repeating: 0.5, count: 3 * 224 * 224) }
            .embed(pictures: [RGBImage(width: 2, height: 2, filledWith: (128, 128, 128))])
        #expect(gray.count == 1 && gray[0].count == 12)
        #expect(abs(gray[0].reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
    }

    @Test func pickledWeightsOrAnotherShapeAreRefused() throws {
        let pickled = try copy { directory in
            try FileManager.default.removeItem(atPath: directory.path("model.safetensors"))
            try write("", to: directory.path("pytorch_model.bin"))
        }
        defer { pickled.remove() }
        let unsupported = #expect(throws: InferenceError.self) { try CLIPModel(folder: pickled.path).loadVisionTower() }
        #expect(unsupported?.code == .unsupported)

        let reshaped = try copy { directory in
            let path = directory.path("config.json")
            try write(try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: #""intermediate_size": 64"#, with: #""intermediate_size": 96"#), to: path)
        }
        defer { reshaped.remove() }
        let wrong = #expect(throws: InferenceError.self) { try CLIPModel(folder: reshaped.path).loadVisionTower() }
        #expect(wrong?.code == .wrongShape)
        #expect(wrong.map { !$0.description.contains("\n") } ?? false)
    }

    @Test func theInspectorDescribesTwoTowersInOneSpace() throws {
        let towers = try ModelInspector.describeTowers(folder: folder)
        #expect(towers.map(\.tower) == [.text, .image])
        #expect(towers.allSatisfy { $0.family == "clip" && $0.dimension == 12 && $0.name == "tiny-clip" })
        #expect(towers[0].space == towers[1].space && towers[0].space.hasPrefix("clip:"))
        #expect(towers[0].fingerprint != towers[1].fingerprint)
        #expect(try ModelInspector.describe(folder: folder) == towers[0])

        // Another vocabulary changes the text tower only; another preprocessor the image tower only.
        let directory = try copy { try write(#"{"crop_size": 192}"#, to: $0.path("preprocessor_config.json")) }
        defer { directory.remove() }
        let changed = try ModelInspector.describeTowers(folder: directory.path)
        #expect(changed[0].fingerprint == towers[0].fingerprint && changed[1].fingerprint != towers[1].fingerprint)
        #expect(changed[0].space == towers[0].space)

        // A sentence model folder is still one text model.
        #expect(try ModelInspector.describeTowers(folder: TinyModels.folder(TinyModels.bertCLS)).count == 1)
    }

    @Test func aSentenceEncoderRefusesACLIPFolderInOneLine() throws {
        let error = #expect(throws: InferenceError.self) { try SentenceEncoder(folder: folder) }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("CLIP") == true)
    }
}
