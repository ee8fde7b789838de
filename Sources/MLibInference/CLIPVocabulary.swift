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

    /// Token strings by id, as UTF-8 bytes in one buffer.
    private let table: CLIPTokenTable
    /// The id of each byte's character, and of that character with `</w>`; -1 when absent.
    private let byteIDs: [Int32]
    private let finalByteIDs: [Int32]
    /// Merges keyed by `left << 32 | right`.
    private let merges: [UInt64: Merge]

    /// The suffix that ends every word.
    static let endOfWord = "</w>"

    /// Reads `vocab.json` and `merges.txt` from a model folder.
    ///
    /// Both are read from their bytes, with no JSON objects or Swift strings per
    /// token: the two files hold ~100,000 strings, and going through
    /// `JSONSerialization` and `String` cost ~200 ms of every process that embeds a
    /// query.
    init(folder: String) throws(InferenceError) {
        let vocabPath = folder + "/vocab.json"
        guard let data = FileManager.default.contents(atPath: vocabPath) else {
            throw InferenceError(.missingFile, path: vocabPath, message: "no vocab.json: this folder has no CLIP tokenizer; fetch the model again with its tokenizer files")
        }
        guard let table = CLIPTokenTable(json: data) else {
            throw InferenceError(.malformed, path: vocabPath, message: "vocab.json is not a JSON object of token ids; the file is damaged, fetch the model again")
        }

        let mergesPath = folder + "/merges.txt"
        guard let mergesData = FileManager.default.contents(atPath: mergesPath) else {
            throw InferenceError(.missingFile, path: mergesPath, message: "no merges.txt: this folder has no CLIP tokenizer; fetch the model again with its tokenizer files")
        }
        var merges: [UInt64: Merge] = [:]
        merges.reserveCapacity(table.count)
        var failure: (rank: Int32, line: String)?
        mergesData.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var joined: [UInt8] = []
            var rank: Int32 = 0
            var start = 0
            while start < bytes.count, failure == nil {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                var stop = end
                if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<stop])
                start = end + 1
                if line.isEmpty || line.starts(with: "#version".utf8) { continue }
                guard let space = line.firstIndex(of: 0x20),
                      let left = table.id(of: UnsafeBufferPointer(rebasing: line[..<space])),
                      let right = table.id(of: UnsafeBufferPointer(rebasing: line[(space + 1)...]))
                else {
                    failure = (rank, String(decoding: line, as: UTF8.self))
                    break
                }
                joined.removeAll(keepingCapacity: true)
                joined.append(contentsOf: line[..<space])
                joined.append(contentsOf: line[(space + 1)...])
                guard let merged = joined.withUnsafeBufferPointer({ table.id(of: $0) }) else {
                    failure = (rank, String(decoding: line, as: UTF8.self))
                    break
                }
                // A repeated merge takes its later rank, as in `tokenizers` and OpenAI's code.
                merges[UInt64(UInt32(left)) << 32 | UInt64(UInt32(right))] = Merge(rank: rank, id: merged)
                rank += 1
            }
        }
        if let failure {
            throw InferenceError(.malformed, path: mergesPath, message: "merge \(failure.rank + 1) ('\(failure.line)') is not two tokens of vocab.json whose join is one too; merges.txt does not belong to this vocab.json, fetch the model again")
        }
        let characters = Self.byteCharacters
        self.table = table
        self.byteIDs = characters.map { table.id(of: String($0)) ?? -1 }
        self.finalByteIDs = characters.map { table.id(of: String($0) + Self.endOfWord) ?? -1 }
        self.merges = merges
    }

    /// The number of ids, the largest plus one.
    var count: Int { table.count }

    /// The id of `token`, if the vocabulary has it.
    func id(of token: String) -> Int32? { table.id(of: token) }

    /// The string of `id`.
    func token(of id: Int32) -> String { table.token(of: id) }

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
