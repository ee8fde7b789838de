import Foundation

/// The byte-level BPE tables of a CLIP tokenizer: `vocab.json` (token → id) and the
/// ranked merges of `merges.txt`.
///
/// A word's UTF-8 bytes start as one symbol each, spelled with GPT-2's printable
/// character for the byte, the last one with `</w>` appended; then the adjacent pair
/// with the lowest merge rank (the leftmost among equals) is merged, again and again,
/// until no pair has a merge. Symbols are kept as ids and merges keyed by id pairs,
/// as `tokenizers` does.
struct CLIPVocabulary: Sendable {
    private struct Merge: Sendable {
        var rank: Int32
        var id: Int32
    }

    /// Token strings by id.
    private let tokens: [String]
    private let ids: [String: Int32]
    /// The id of each byte's character, and of that character with `</w>`; -1 when absent.
    private let byteIDs: [Int32]
    private let finalByteIDs: [Int32]
    /// Merges keyed by `left << 32 | right`.
    private let merges: [UInt64: Merge]

    /// The suffix that ends every word.
    static let endOfWord = "</w>"

    /// Reads `vocab.json` and `merges.txt` from a model folder.
    init(folder: String) throws(InferenceError) {
        let vocabPath = folder + "/vocab.json"
        guard let data = FileManager.default.contents(atPath: vocabPath) else {
            throw InferenceError(.missingFile, path: vocabPath, message: "no vocab.json: this folder has no CLIP tokenizer; fetch the model again with its tokenizer files")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], !object.isEmpty else {
            throw InferenceError(.malformed, path: vocabPath, message: "vocab.json is not a JSON object of token ids; the file is damaged, fetch the model again")
        }
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(object.count)
        var largest: Int32 = -1
        for (token, value) in object {
            guard let number = value as? NSNumber, number.int64Value >= 0, number.int64Value < Int64(Int32.max) else {
                throw InferenceError(.malformed, path: vocabPath, message: "vocab.json gives '\(token)' no valid id; the file is damaged, fetch the model again")
            }
            ids[token] = Int32(number.int64Value)
            largest = max(largest, Int32(number.int64Value))
        }
        var tokens = [String](repeating: "", count: Int(largest) + 1)
        for (token, id) in ids { tokens[Int(id)] = token }

        let mergesPath = folder + "/merges.txt"
        guard let mergesData = FileManager.default.contents(atPath: mergesPath) else {
            throw InferenceError(.missingFile, path: mergesPath, message: "no merges.txt: this folder has no CLIP tokenizer; fetch the model again with its tokenizer files")
        }
        guard let text = String(data: mergesData, encoding: .utf8) else {
            throw InferenceError(.malformed, path: mergesPath, message: "merges.txt is not UTF-8 text; the file is damaged, fetch the model again")
        }
        var merges: [UInt64: Merge] = [:]
        merges.reserveCapacity(ids.count)
        var rank: Int32 = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#version") { continue }
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, let left = ids[String(parts[0])], let right = ids[String(parts[1])],
                  let merged = ids[String(parts[0]) + String(parts[1])]
            else {
                throw InferenceError(.malformed, path: mergesPath, message: "merge \(rank + 1) ('\(line)') is not two tokens of vocab.json whose join is one too; merges.txt does not belong to this vocab.json, fetch the model again")
            }
            let key = UInt64(UInt32(left)) << 32 | UInt64(UInt32(right))
            // A repeated merge takes its later rank, as in `tokenizers` and OpenAI's code.
            merges[key] = Merge(rank: rank, id: merged)
            rank += 1
        }
        let characters = Self.byteCharacters
        self.tokens = tokens
        self.ids = ids
        self.byteIDs = characters.map { ids[String($0)] ?? -1 }
        self.finalByteIDs = characters.map { ids[String($0) + Self.endOfWord] ?? -1 }
        self.merges = merges
    }

    /// The number of ids, the largest plus one.
    var count: Int { tokens.count }

    /// The id of `token`, if the vocabulary has it.
    func id(of token: String) -> Int32? { ids[token] }

    /// The string of `id`.
    func token(of id: Int32) -> String { tokens[Int(id)] }

    /// Appends the ids of one word, given as its UTF-8 bytes, merged as far as the
    /// merges allow; a byte without a token becomes `unknownID`.
    func appendMerged(_ word: [UInt8], unknownID: Int32, to ids: inout [Int32]) {
        guard !word.isEmpty else { return }
        var symbols = word.indices.map { index in
            let id = index == word.count - 1 ? finalByteIDs[Int(word[index])] : byteIDs[Int(word[index])]
            return id
        }
        while symbols.count > 1 {
            var best: (rank: Int32, index: Int, id: Int32)?
            for index in 0..<(symbols.count - 1) where symbols[index] >= 0 && symbols[index + 1] >= 0 {
                let key = UInt64(UInt32(symbols[index])) << 32 | UInt64(UInt32(symbols[index + 1]))
                if let merge = merges[key], merge.rank < (best?.rank ?? .max) {
                    best = (merge.rank, index, merge.id)
                }
            }
            guard let best else { break }
            symbols[best.index] = best.id
            symbols.remove(at: best.index + 1)
        }
        for symbol in symbols {
            ids.append(symbol >= 0 ? symbol : unknownID)
        }
    }

    /// GPT-2's printable stand-in for each byte: printable Latin-1 bytes stand for
    /// themselves, the others (controls, space, NBSP, soft hyphen) for 256, 257, … in
    /// byte order.
    static let byteCharacters: [Character] = {
        var characters = [Character](repeating: " ", count: 256)
        var next: UInt32 = 256
        for byte in 0..<256 {
            let printable = (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte)
            if printable {
                characters[byte] = Character(Unicode.Scalar(UInt32(byte))!)
            } else {
                characters[byte] = Character(Unicode.Scalar(next)!)
                next += 1
            }
        }
        return characters
    }()
}
