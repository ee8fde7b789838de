import Foundation

/// CLIP's byte-level BPE tokenizer, from a model folder's `vocab.json` and `merges.txt`.
///
/// It gives the ids Hugging Face's `CLIPTokenizer` (the `tokenizers`-backed one)
/// gives: special tokens (`<|startoftext|>`, `<|endoftext|>`, the pad token) are cut
/// out of the raw text first and keep their ids; the rest is NFC-normalised, every
/// run of white space becomes one space, it is lower-cased, split with CLIP's pattern
/// (contractions, runs of letters, single digits, runs of anything else; white space
/// is dropped), each piece's UTF-8 bytes are mapped to GPT-2's byte characters and
/// merged by rank with `</w>` ending the word. The ids are wrapped in the start and
/// end tokens and cut to the context (77), the end token always kept.
///
/// ```swift
/// let tokenizer = try CLIPTokenizer(folder: "models/clip-vit-base-patch32")
/// tokenizer.encode("a photo of a cat")  // [49406, 320, 1125, 539, 320, 2368, 49407]
/// ```
public struct CLIPTokenizer: Sendable {
    /// The id of the token every sequence starts with (`<|startoftext|>`).
    public let startID: Int32
    /// The id of the token every sequence ends with (`<|endoftext|>`).
    public let endID: Int32
    /// The id that fills batches to one length: `pad_token` of the tokenizer's
    /// configuration (`<|endoftext|>` in OpenAI's models, `!` in some others).
    public let padID: Int32
    /// The id of pieces the vocabulary cannot spell (never needed with a full
    /// byte-level vocabulary).
    public let unknownID: Int32
    /// Tokens per sequence, start and end included.
    public let contextLength: Int

    let vocabulary: CLIPVocabulary
    /// Special tokens matched literally in raw text, longest first.
    let specials: [(bytes: [UInt8], id: Int32)]

    /// Loads `vocab.json`, `merges.txt` and, when present, `tokenizer_config.json` and
    /// `special_tokens_map.json` from a model folder.
    ///
    /// `contextLength` caps the window, usually at the text tower's positions;
    /// `model_max_length` of the tokenizer's configuration caps it further when it is
    /// a real limit.
    public init(folder: String, contextLength: Int = 77) throws(InferenceError) {
        let vocabulary = try CLIPVocabulary(folder: folder)
        var settings: [String: Any] = [:]
        for name in ["special_tokens_map.json", "tokenizer_config.json"] {
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                throw InferenceError(.malformed, path: path, message: "\(name) is not a JSON object; the model folder is damaged, fetch the model again")
            }
            settings.merge(object) { _, later in later }
        }
        func spelling(_ key: String, _ fallback: String) -> String {
            switch settings[key] {
            case let name as String: name
            case let added as [String: Any]: added["content"] as? String ?? fallback
            default: fallback
            }
        }
        let names = (
            start: spelling("bos_token", "<|startoftext|>"), end: spelling("eos_token", "<|endoftext|>"),
            pad: spelling("pad_token", "<|endoftext|>"), unknown: spelling("unk_token", "<|endoftext|>"))
        func id(_ name: String) throws(InferenceError) -> Int32 {
            guard let id = vocabulary.id(of: name) else {
                throw InferenceError(.malformed, path: folder + "/vocab.json", message: "vocab.json has no '\(name)' token, which the tokenizer's configuration names; the tokenizer is damaged, fetch the model again")
            }
            return id
        }
        var window = contextLength
        if let limit = (settings["model_max_length"] as? NSNumber)?.doubleValue, limit >= 2, limit <= 1_000_000 {
            window = min(window, Int(limit))
        }
        guard window >= 2 else {
            throw InferenceError(.malformed, path: folder + "/tokenizer_config.json", message: "a window of \(window) tokens leaves no room for the start and end tokens; fix model_max_length")
        }
        var extra: [String] = []
        if let added = settings["added_tokens_decoder"] as? [String: Any] {
            extra = added.values.compactMap { ($0 as? [String: Any])?["content"] as? String }
        }
        var specials: [(bytes: [UInt8], id: Int32)] = []
        for name in Set([names.start, names.end, names.pad, names.unknown] + extra) {
            if let id = vocabulary.id(of: name), !name.isEmpty {
                specials.append((Array(name.utf8), id))
            }
        }
        self.init(
            vocabulary: vocabulary, startID: try id(names.start), endID: try id(names.end), padID: try id(names.pad),
            unknownID: try id(names.unknown), contextLength: window,
            specials: specials.sorted { $0.bytes.count > $1.bytes.count || ($0.bytes.count == $1.bytes.count && $0.id < $1.id) })
    }

    init(vocabulary: CLIPVocabulary, startID: Int32, endID: Int32, padID: Int32, unknownID: Int32, contextLength: Int, specials: [(bytes: [UInt8], id: Int32)]) {
        self.vocabulary = vocabulary
        self.startID = startID
        self.endID = endID
        self.padID = padID
        self.unknownID = unknownID
        self.contextLength = contextLength
        self.specials = specials
    }

    /// The number of tokens in the vocabulary.
    public var vocabularySize: Int { vocabulary.count }

    /// The ids the text tower reads for `text`: the start token, at most
    /// `contextLength - 2` pieces, the end token.
    public func encode(_ text: String) -> [Int32] {
        var ids: [Int32] = [startID]
        appendPieceIDs(of: text, to: &ids, limit: contextLength - 2)
        ids.append(endID)
        return ids
    }

    /// The ids of `text`'s pieces, without start, end or truncation.
    public func pieceIDs(_ text: String) -> [Int32] {
        var ids: [Int32] = []
        appendPieceIDs(of: text, to: &ids, limit: .max)
        return ids
    }

    /// The pieces of `text` as vocabulary strings (`photo</w>`), without start or end.
    public func tokens(_ text: String) -> [String] {
        pieceIDs(text).map { vocabulary.token(of: $0) }
    }

    /// Several texts encoded and padded with the pad token to the longest, with masks.
    public func batch(_ texts: [String]) -> TokenBatch {
        TokenBatch(sequences: texts.map(encode), padID: padID)
    }

    /// Appends at most `limit` more ids: special tokens as themselves, the text
    /// between them normalised, split and merged.
    private func appendPieceIDs(of text: String, to ids: inout [Int32], limit: Int) {
        let bytes = Array(text.utf8)
        let stop = ids.count + limit
        var start = 0
        var index = 0
        func flush(upTo end: Int) {
            guard end > start, ids.count < stop else { return }
            let segment = String(decoding: bytes[start..<end], as: UTF8.self)
            for piece in Self.pieces(of: segment) where ids.count < stop {
                vocabulary.appendMerged(piece, unknownID: unknownID, limit: stop - ids.count, to: &ids)
            }
        }
        while index < bytes.count, ids.count < stop {
            if let special = specials.first(where: { matches($0.bytes, bytes, at: index) }) {
                flush(upTo: index)
                if ids.count < stop { ids.append(special.id) }
                index += special.bytes.count
                start = index
            } else {
                index += 1
            }
        }
        flush(upTo: bytes.count)
        if ids.count > stop { ids.removeSubrange(stop...) }
    }

    private func matches(_ pattern: [UInt8], _ bytes: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= bytes.count, bytes[index] == pattern[0] else { return false }
        for offset in 1..<pattern.count where bytes[index + offset] != pattern[offset] {
            return false
        }
        return true
    }
}
