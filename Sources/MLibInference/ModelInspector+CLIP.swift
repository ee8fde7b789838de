import Crypto
import Foundation
import MLibCore

/// CLIP folders: two towers, one space.
///
/// Each tower gets its own fingerprint, so the store keeps their vectors apart:
/// the SHA-256 of the files that decide that tower's vectors (`config.json` and the
/// safetensors header for both; the tokenizer files for text, `preprocessor_config.json`
/// for images) and the tower's name. Both share the space `clip:` + the first 16 hex
/// digits of the hash of `config.json` and the safetensors header, so a text's vector
/// and a picture's of the same model compare, and those of two different CLIP models
/// never do. Family `clip`; dimension `projection_dim`.
extension ModelInspector {
    /// The tokenizer files of a CLIP folder that are part of the text tower's fingerprint.
    static let clipTextFiles = ["vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json"]
    /// The files that decide the image tower's input.
    static let clipImageFiles = ["preprocessor_config.json"]

    /// Whether `folder/config.json` says `model_type` `clip` (read without judging
    /// anything else).
    static func isCLIP(folder: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: folder + "/config.json"),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return false }
        return object["model_type"] as? String == CLIPConfiguration.modelType
    }

    /// The text and image towers of the CLIP folder `folder`.
    static func describeCLIP(folder: String) throws(InferenceError) -> [ModelDescriptor] {
        let configuration = try CLIPConfiguration.load(folder: folder)
        for file in ["vocab.json", "merges.txt"] where !FileManager.default.fileExists(atPath: folder + "/" + file) {
            throw InferenceError(.missingFile, path: folder + "/" + file, message: "the CLIP folder has no \(file), so its text tower cannot read text; fetch the model again with its tokenizer files")
        }
        let config = FileManager.default.contents(atPath: folder + "/config.json") ?? Data()
        let header = try safetensorsHeader(folder + "/model.safetensors")
        var shared = SHA256()
        shared.update(data: config)
        shared.update(data: header)
        let space = "clip:" + hex(shared.finalize()).prefix(16)
        let name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        func fingerprint(_ tower: ModelTower, files: [String]) -> String {
            var hasher = SHA256()
            hasher.update(data: Data(("clip-" + tower.rawValue).utf8))
            hasher.update(data: Data("config.json".utf8))
            hasher.update(data: config)
            hasher.update(data: Data("model.safetensors".utf8))
            hasher.update(data: header)
            for file in files {
                if let data = FileManager.default.contents(atPath: folder + "/" + file) {
                    hasher.update(data: Data(file.utf8))
                    hasher.update(data: data)
                }
            }
            return hex(hasher.finalize())
        }
        return [
            ModelDescriptor(
                name: name, folder: folder, fingerprint: fingerprint(.text, files: clipTextFiles), family: CLIPConfiguration.modelType,
                tower: .text, space: space, dimension: configuration.projectionDimension),
            ModelDescriptor(
                name: name, folder: folder, fingerprint: fingerprint(.image, files: clipImageFiles), family: CLIPConfiguration.modelType,
                tower: .image, space: space, dimension: configuration.projectionDimension),
        ]
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
