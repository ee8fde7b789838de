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
    ///
    /// Only the first `limit` ids of a word are wanted (the rest fall outside the
    /// window), so a very long word is merged over its first `(limit + 16) · 64`
    /// bytes only: no token spans more than 32 bytes, so that reach decides those ids,
    /// and a megabyte without a space costs no more than a sentence.
    func appendMerged(_ word: [UInt8], unknownID: Int32, limit: Int = .max, to ids: inout [Int32]) {
        guard !word.isEmpty, limit > 0 else { return }
        let reach = limit >= Int.max / 128 ? word.count : (limit + 16) * 64
        let length = min(word.count, reach)
        var symbols = (0..<length).map { index in
            index == word.count - 1 ? finalByteIDs[Int(word[index])] : byteIDs[Int(word[index])]
        }
        // The rank and result of merging each symbol with the next; each merge
        // changes only its neighbours' entries.
        var pairs = (0..<max(length - 1, 0)).map { pair(symbols[$0], symbols[$0 + 1]) }
        while true {
            var best = -1
            var bestRank = Int32.max
            for index in pairs.indices where pairs[index].rank < bestRank {
                best = index
                bestRank = pairs[index].rank
            }
            guard best >= 0 else { break }
            symbols[best] = pairs[best].id
            symbols.remove(at: best + 1)
            pairs.remove(at: best)
            if best > 0 { pairs[best - 1] = pair(symbols[best - 1], symbols[best]) }
            if best < pairs.count { pairs[best] = pair(symbols[best], symbols[best + 1]) }
        }
        for symbol in symbols.prefix(limit) {
            ids.append(symbol >= 0 ? symbol : unknownID)
        }
    }

    /// The merge of `left` and `right`: its rank (`Int32.max` when there is none) and
    /// the merged token.
    private func pair(_ left: Int32, _ right: Int32) -> Merge {
        guard left >= 0, right >= 0, let merge = merges[UInt64(UInt32(left)) << 32 | UInt64(UInt32(right))] else {
            return Merge(rank: .max, id: -1)
        }
        return merge
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
