import Foundation

/// BERT's WordPiece tokenizer, from a model folder's `vocab.txt`.
///
/// It reproduces the ids Hugging Face `tokenizers` gives for a BERT `tokenizer.json`
/// (`BertNormalizer`, `BertPreTokenizer`, `WordPiece` with `##` continuations and
/// `[UNK]` for words longer than 100 characters or made of unknown pieces), then
/// adds `[CLS] … [SEP]` and truncates to the model's length.
///
/// ```swift
/// let tokenizer = try WordPieceTokenizer(folder: "models/all-MiniLM-L6-v2")
/// let ids = tokenizer.encode("Waves on the beach", maxLength: 256)  // [101, …, 102]
/// ```
public struct WordPieceTokenizer: Sendable {
    /// The id of `[PAD]`, which fills batches to one length.
    public var padID: Int32
    /// The id of `[CLS]`, first in every sequence.
    public var clsID: Int32
    /// The id of `[SEP]`, last in every sequence.
    public var sepID: Int32
    /// The id of `[UNK]`, for words the vocabulary cannot spell.
    public var unkID: Int32

    /// Token strings by id, as in `vocab.txt`.
    let vocabulary: [String]
    private let table: Table
    private let basic: BasicTokenizer
    private let maxInputCharsPerWord = 100

    /// Loads `vocab.txt` and, when present, `tokenizer_config.json` from a model folder.
    ///
    /// `tokenizer_config.json` supplies `do_lower_case` (default true), `strip_accents`
    /// (default: as lower-casing), `tokenize_chinese_chars` (default true) and the
    /// special tokens' spellings.
    public init(folder: String) throws(InferenceError) {
        let vocabPath = folder + "/vocab.txt"
        guard let data = FileManager.default.contents(atPath: vocabPath) else {
            throw InferenceError(
                .missingFile, path: vocabPath,
                message: "no vocab.txt: this folder has no WordPiece tokenizer, so mlib cannot run it"
            )
        }
        // Lines cut on the bytes: splitting the String by Characters cost ~10 ms of
        // every search that loads the model.
        var tokens: [String] = []
        var invalid = false
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            tokens.reserveCapacity(bytes.count / 6)
            var start = 0
            func line(_ end: Int) {
                var stop = end
                if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
                guard let token = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self) else {
                    invalid = true
                    return
                }
                tokens.append(token)
            }
            for index in 0..<bytes.count where bytes[index] == 0x0A {
                line(index)
                start = index + 1
            }
            if start < bytes.count { line(bytes.count) }
        }
        guard !invalid else {
            throw InferenceError(.malformed, path: vocabPath, message: "vocab.txt is not UTF-8 text; the file is damaged, fetch the model again")
        }
        guard !tokens.isEmpty else {
            throw InferenceError(.malformed, path: vocabPath, message: "vocab.txt is empty; the file is damaged, fetch the model again")
        }

        let configPath = folder + "/tokenizer_config.json"
        var config: [String: Any] = [:]
        if let data = FileManager.default.contents(atPath: configPath) {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw InferenceError(.malformed, path: configPath, message: "tokenizer_config.json is not a JSON object; the model folder is damaged, fetch the model again")
            }
            config = object
        }
        func special(_ key: String, _ fallback: String) -> String {
            switch config[key] {
            case let name as String: name
            case let added as [String: Any]: added["content"] as? String ?? fallback
            default: fallback
            }
        }
        let lowercase = config["do_lower_case"] as? Bool ?? true
        let names = (
            pad: special("pad_token", "[PAD]"), unk: special("unk_token", "[UNK]"),
            cls: special("cls_token", "[CLS]"), sep: special("sep_token", "[SEP]"),
            mask: special("mask_token", "[MASK]")
        )
        let table = Table(tokens)
        for name in [names.pad, names.unk, names.cls, names.sep] where table.id(of: name) == nil {
            throw InferenceError(
                .unsupported, path: vocabPath,
                message: "vocab.txt has no \(name) token, so it is not a BERT WordPiece vocabulary; fetch the model again"
            )
        }
        self.init(
            tokens: tokens, table: table, lowercase: lowercase,
            stripAccents: config["strip_accents"] as? Bool,
            splitCJK: config["tokenize_chinese_chars"] as? Bool ?? true,
            names: [names.pad, names.unk, names.cls, names.sep, names.mask]
        )
    }

    /// A tokenizer over an in-memory vocabulary, one token per id.
    ///
    /// The vocabulary must hold `[PAD]`, `[UNK]`, `[CLS]` and `[SEP]`.
    public init(vocabulary: [String], lowercase: Bool = true) {
        let table = Table(vocabulary)
        self.init(
            tokens: vocabulary, table: table, lowercase: lowercase, stripAccents: nil, splitCJK: true,
            names: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        )
    }

    /// `names`: pad, unk, cls, sep, then further specials matched literally in text.
    private init(tokens: [String], table: Table, lowercase: Bool, stripAccents: Bool?, splitCJK: Bool, names: [String]) {
        func id(_ name: String) -> Int32 {
            guard let id = table.id(of: name) else { preconditionFailure("the vocabulary has no \(name) token") }
            return id
        }
        self.vocabulary = tokens
        self.table = table
        self.padID = id(names[0])
        self.unkID = id(names[1])
        self.clsID = id(names[2])
        self.sepID = id(names[3])
        let specials = names.compactMap { name in table.id(of: name).map { (name, $0) } }
        self.basic = BasicTokenizer(lowercase: lowercase, stripAccents: stripAccents, splitCJK: splitCJK, specials: specials)
    }

    /// The ids of `text` as the model reads them: `[CLS]`, at most `maxLength - 2`
    /// word pieces, `[SEP]`.
    public func encode(_ text: String, maxLength: Int) -> [Int32] {
        precondition(maxLength >= 2, "maxLength must leave room for [CLS] and [SEP]")
        var sink = IDSink(tokenizer: self, capacity: maxLength - 1, ids: [clsID])
        sink.ids.reserveCapacity(min(maxLength, text.utf8.count / 2 + 8))
        basic.split(text, into: &sink)
        sink.ids.removeSubrange(min(sink.ids.count, maxLength - 1)...)
        sink.ids.append(sepID)
        return sink.ids
    }

    /// Several texts encoded and padded with `[PAD]` to the longest, with masks.
    public func batch(_ texts: [String], maxLength: Int) -> TokenBatch {
        TokenBatch(sequences: texts.map { encode($0, maxLength: maxLength) }, padID: padID)
    }

    /// The word pieces of `text`, without `[CLS]`, `[SEP]` or truncation.
    ///
    /// Continuations keep their `##` prefix; unknown words are `[UNK]`.
    public func tokens(_ text: String) -> [String] {
        pieceIDs(text).map { vocabulary[Int($0)] }
    }

    /// The ids of `text`'s word pieces, without `[CLS]`, `[SEP]` or truncation.
    public func pieceIDs(_ text: String) -> [Int32] {
        var sink = IDSink(tokenizer: self, capacity: .max, ids: [])
        basic.split(text, into: &sink)
        return sink.ids
    }

    /// Appends the pieces of one normalised word, greedily longest first, or `[UNK]`
    /// when some part of it matches nothing.
    fileprivate func appendPieces(of word: UnsafeBufferPointer<UInt8>, to ids: inout [Int32]) {
        // Scalar boundaries: pieces never split a character.
        var starts: [Int] = []
        starts.reserveCapacity(word.count)
        for (offset, byte) in word.enumerated() where byte & 0xC0 != 0x80 {
            starts.append(offset)
        }
        if starts.count > maxInputCharsPerWord {
            ids.append(unkID)
            return
        }
        let first = ids.count
        var start = 0
        while start < starts.count {
            var end = starts.count
            var found: Int32?
            while end > start {
                let lower = starts[start]
                let upper = end == starts.count ? word.count : starts[end]
                let piece = UnsafeBufferPointer(rebasing: word[lower..<upper])
                if let id = table.id(of: piece, continuation: start > 0) {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                ids.removeSubrange(first...)
                ids.append(unkID)
                return
            }
            ids.append(id)
            start = end
        }
    }
}

/// Collects ids until it holds `capacity` of them.
private struct IDSink: WordSink {
    let tokenizer: WordPieceTokenizer
    let capacity: Int
    var ids: [Int32]

    var isFull: Bool { ids.count >= capacity }

    mutating func word(_ bytes: UnsafeBufferPointer<UInt8>) {
        tokenizer.appendPieces(of: bytes, to: &ids)
    }

    mutating func special(_ id: Int32) {
        ids.append(id)
    }
}

extension WordPieceTokenizer {
    /// Token bytes to ids, an open-addressing hash table over one byte buffer.
    ///
    /// Keys compare byte for byte, as the reference does; Swift `String` keys would
    /// merge canonically equivalent tokens and hash more slowly.
    struct Table: Sendable {
        private var bytes: [UInt8] = []
        private var offsets: [Int] = [0]
        private var ids: [Int32] = []
        private var slots: [Int32]
        private let mask: Int

        /// Later duplicates win, as when the reference reads `vocab.txt` into a map.
        init(_ tokens: [String]) {
            var capacity = 16
            while capacity < tokens.count * 2 { capacity <<= 1 }
            slots = Array(repeating: -1, count: capacity)
            mask = capacity - 1
            for (id, token) in tokens.enumerated() {
                let utf8 = Array(token.utf8)
                let existing = utf8.withUnsafeBufferPointer { find($0, prefix: false) }
                if case .found(let entry) = existing {
                    ids[entry] = Int32(id)
                    continue
                }
                guard case .empty(let slot) = existing else { continue }
                slots[slot] = Int32(ids.count)
                ids.append(Int32(id))
                bytes.append(contentsOf: utf8)
                offsets.append(bytes.count)
            }
        }

        func id(of token: String) -> Int32? {
            var token = token
            return token.withUTF8 { id(of: $0, continuation: false) }
        }

        /// The id of `piece`, or of `##piece` when `continuation`.
        func id(of piece: UnsafeBufferPointer<UInt8>, continuation: Bool) -> Int32? {
            if case .found(let entry) = find(piece, prefix: continuation) { return ids[entry] }
            return nil
        }

        private enum Probe { case found(Int), empty(Int) }

        private func find(_ key: UnsafeBufferPointer<UInt8>, prefix: Bool) -> Probe {
            let hash = Self.hash(key, prefix: prefix)
            var slot = hash & mask
            let length = key.count + (prefix ? 2 : 0)
            while true {
                let entry = Int(slots[slot])
                if entry < 0 { return .empty(slot) }
                let lower = offsets[entry]
                if offsets[entry + 1] - lower == length && matches(key, prefix: prefix, at: lower) {
                    return .found(entry)
                }
                slot = (slot + 1) & mask
            }
        }

        private func matches(_ key: UnsafeBufferPointer<UInt8>, prefix: Bool, at lower: Int) -> Bool {
            var position = lower
            if prefix {
                guard bytes[position] == 0x23, bytes[position + 1] == 0x23 else { return false }
                position += 2
            }
            for byte in key {
                if bytes[position] != byte { return false }
                position += 1
            }
            return true
        }

        /// FNV-1a, continuing over `##` first when `prefix`.
        private static func hash(_ key: UnsafeBufferPointer<UInt8>, prefix: Bool) -> Int {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            if prefix {
                hash = (hash ^ 0x23) &* 0x0000_0100_0000_01B3
                hash = (hash ^ 0x23) &* 0x0000_0100_0000_01B3
            }
            for byte in key {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            return Int(truncatingIfNeeded: hash ^ (hash >> 29))
        }
    }
}
