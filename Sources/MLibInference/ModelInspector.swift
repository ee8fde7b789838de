import Crypto
import Foundation
public import MLibCore

/// Tells what a model folder holds without loading its weights: family, tower,
/// dimension and a fingerprint.
///
/// The fingerprint is the SHA-256 of the files that decide what vectors the model
/// makes: `config.json`, the safetensors header (tensor names, shapes and offsets,
/// not the weights themselves), the sentence-transformers module files (pooling and
/// `Dense` configurations, the `Dense` weights' header) and the tokenizer's
/// vocabulary. Reading them costs a few milliseconds. The dimension is the output
/// width, after any `Dense` module.
///
/// A CLIP folder (`model_type` `clip`) holds two models, a text tower and an image
/// tower, in one space: ``describeTowers(folder:)`` gives both (see
/// `ModelInspector+CLIP.swift`).
///
/// A cross-encoder folder (`…ForSequenceClassification`) makes no vectors: it is
/// refused, with one line saying so, and `CrossEncoder` runs it as a reranker.
public enum ModelInspector {
    /// The descriptor of the model in `folder`, or a one-line reason it cannot run.
    ///
    /// For a CLIP folder this is its text tower; ``describeTowers(folder:)`` gives
    /// the image tower too.
    public static func describe(folder: String) throws(InferenceError) -> ModelDescriptor {
        if isCLIP(folder: folder) {
            return try describeCLIP(folder: folder)[0]
        }
        let layout = try ModelFolder(path: folder)
        var hasher = SHA256()
        for file in identityFiles where file != "model.safetensors" {
            if let data = FileManager.default.contents(atPath: folder + "/" + file) {
                hasher.update(data: Data(file.utf8))
                hasher.update(data: data)
            }
        }
        hasher.update(data: Data("model.safetensors".utf8))
        hasher.update(data: try safetensorsHeader(folder + "/model.safetensors"))
        // Appended after the fixed list, and only when present, so the fingerprints of
        // folders without them (every model described before Dense heads) stay the same.
        for file in layout.moduleConfigurationFiles where !identityFiles.contains(file) {
            if let data = FileManager.default.contents(atPath: folder + "/" + file) {
                hasher.update(data: Data(file.utf8))
                hasher.update(data: data)
            }
        }
        for file in layout.denseWeightFiles {
            hasher.update(data: Data(file.utf8))
            hasher.update(data: try safetensorsHeader(folder + "/" + file))
        }
        let fingerprint = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return ModelDescriptor(
            name: URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent, folder: folder,
            fingerprint: fingerprint, family: layout.configuration.modelType ?? "bert", tower: .text,
            space: "text:" + fingerprint.prefix(16), dimension: layout.outputDimension)
    }

    /// Every model the folder holds: one for a sentence-transformers or BERT folder,
    /// the text and the image tower (in that order) for a CLIP folder.
    public static func describeTowers(folder: String) throws(InferenceError) -> [ModelDescriptor] {
        isCLIP(folder: folder) ? try describeCLIP(folder: folder) : [try describe(folder: folder)]
    }

    /// Files whose bytes are part of the fingerprint, when present.
    static let identityFiles = [
        "config.json", "modules.json", "sentence_bert_config.json", "1_Pooling/config.json", "2_Dense/config.json",
        "tokenizer_config.json", "vocab.txt", "model.safetensors",
    ]

    /// The length prefix and JSON header of a safetensors file.
    static func safetensorsHeader(_ path: String) throws(InferenceError) -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InferenceError(.missingFile, path: path, message: "cannot open the weights file; put the model's model.safetensors there or fetch the model again")
        }
        defer { try? handle.close() }
        guard let prefix = try? handle.read(upToCount: 8), prefix.count == 8 else {
            throw InferenceError(.truncated, path: path, message: "the weights file is too short for a safetensors header; fetch the model again")
        }
        let length = prefix.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard length < 100_000_000, let header = try? handle.read(upToCount: Int(length)), header.count == Int(length) else {
            throw InferenceError(.truncated, path: path, message: "the weights file ends inside its header; fetch the model again")
        }
        return prefix + header
    }
}
