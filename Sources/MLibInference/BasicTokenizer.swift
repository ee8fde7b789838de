import Foundation

/// Receives the words a ``BasicTokenizer`` cuts from a text, in order.
protocol WordSink {
    /// One normalised word, as UTF-8 bytes valid only during the call.
    mutating func word(_ bytes: UnsafeBufferPointer<UInt8>)
    /// A special token written literally in the text (`[SEP]`, `[MASK]`…).
    mutating func special(_ id: Int32)
    /// True once the sink wants no more words, so long texts stop early.
    var isFull: Bool { get }
}

/// BERT's text normaliser and pre-tokeniser, as Hugging Face `tokenizers` runs them
/// (`BertNormalizer` then `BertPreTokenizer`).
///
/// In order: special tokens written in the raw text are kept whole; control and
/// format characters, NUL and U+FFFD are dropped; whitespace separates words; CJK
/// ideographs become words of their own; accents are stripped (NFD, then nonspacing
/// marks dropped) and letters lower-cased when the model is uncased; punctuation
/// becomes words of its own.
///
/// The reference classifies control, mark and punctuation characters with Unicode
/// 8.0 tables, so characters assigned later count as letters here too: that is what
/// the model saw in training, and what makes the ids match exactly.
struct BasicTokenizer: Sendable {
    var lowercase: Bool
    var stripAccents: Bool
    var splitCJK: Bool
    /// Special tokens matched in the raw text, longest first, as UTF-8 with their ids.
    var specials: [(bytes: [UInt8], id: Int32)]

    init(lowercase: Bool, stripAccents: Bool? = nil, splitCJK: Bool = true, specials: [(String, Int32)] = []) {
        self.lowercase = lowercase
        self.stripAccents = stripAccents ?? lowercase
        self.splitCJK = splitCJK
        self.specials = specials.map { (Array($0.0.utf8), $0.1) }.filter { !$0.0.isEmpty }
            .sorted { $0.0.count > $1.0.count }
    }

    /// Cuts `text` into words and hands each to `sink`.
    func split(_ text: String, into sink: inout some WordSink) {
        var text = text
        if stripAccents && !text.utf8.allSatisfy({ $0 < 0x80 }) {
            text = text.decomposedStringWithCanonicalMapping
        }
        var word: [UInt8] = []
        word.reserveCapacity(64)
        text.withUTF8 { input in
            var index = 0
            while index < input.count && !sink.isFull {
                let byte = input[index]
                if byte < 0x80 {
                    index += 1
                    switch Self.asciiClass[Int(byte)] {
                    case .drop:
                        continue
                    case .space:
                        flush(&word, into: &sink)
                    case .punctuation:
                        if byte == UInt8(ascii: "["), let (length, id) = special(at: index - 1, in: input) {
                            flush(&word, into: &sink)
                            sink.special(id)
                            index += length - 1
                            continue
                        }
                        flush(&word, into: &sink)
                        word.append(byte)
                        flush(&word, into: &sink)
                    case .letter:
                        word.append(lowercase && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    }
                    continue
                }
                let (scalar, length) = Self.decode(input, at: index)
                index += length
                handle(scalar, word: &word, into: &sink)
            }
        }
        flush(&word, into: &sink)
    }

    private func handle(_ scalar: Unicode.Scalar, word: inout [UInt8], into sink: inout some WordSink) {
        if scalar.value == 0xFFFD { return }
        let properties = scalar.properties
        let known = Self.isKnownToReference(properties)
        let category = properties.generalCategory
        if known && (category == .control || category == .format || category == .privateUse) { return }
        if properties.isWhitespace {
            flush(&word, into: &sink)
            return
        }
        if stripAccents && known && category == .nonspacingMark { return }
        if splitCJK && Self.isCJK(scalar.value) {
            flush(&word, into: &sink)
            append(scalar, to: &word)
            flush(&word, into: &sink)
            return
        }
        if known && Self.isPunctuation(category) {
            flush(&word, into: &sink)
            append(lowercase ? properties.lowercaseMapping : String(scalar), to: &word)
            flush(&word, into: &sink)
            return
        }
        if lowercase && properties.changesWhenLowercased {
            append(properties.lowercaseMapping, to: &word)
        } else {
            append(scalar, to: &word)
        }
    }

    private func flush(_ word: inout [UInt8], into sink: inout some WordSink) {
        guard !word.isEmpty else { return }
        word.withUnsafeBufferPointer { sink.word($0) }
        word.removeAll(keepingCapacity: true)
    }

    private func special(at index: Int, in input: UnsafeBufferPointer<UInt8>) -> (Int, Int32)? {
        for (bytes, id) in specials where input.count - index >= bytes.count {
            var matches = true
            for offset in 0..<bytes.count where input[index + offset] != bytes[offset] {
                matches = false
                break
            }
            if matches { return (bytes.count, id) }
        }
        return nil
    }

    private func append(_ scalar: Unicode.Scalar, to word: inout [UInt8]) {
        UTF8.encode(scalar) { word.append($0) }
    }

    private func append(_ string: String, to word: inout [UInt8]) {
        word.append(contentsOf: string.utf8)
    }

    /// Decodes the multi-byte scalar starting at `index` of valid UTF-8.
    private static func decode(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(input[index])
        let value: UInt32
        let length: Int
        if lead < 0xE0 {
            value = (lead & 0x1F) << 6 | UInt32(input[index + 1] & 0x3F)
            length = 2
        } else if lead < 0xF0 {
            value = (lead & 0x0F) << 12 | UInt32(input[index + 1] & 0x3F) << 6 | UInt32(input[index + 2] & 0x3F)
            length = 3
        } else {
            value = (lead & 0x07) << 18 | UInt32(input[index + 1] & 0x3F) << 12
                | UInt32(input[index + 2] & 0x3F) << 6 | UInt32(input[index + 3] & 0x3F)
            length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Whether the reference's Unicode 8.0 category tables know this character.
    private static func isKnownToReference(_ properties: Unicode.Scalar.Properties) -> Bool {
        guard let age = properties.age else { return false }
        return age.major < 8 || (age.major == 8 && age.minor == 0)
    }

    private static func isPunctuation(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            true
        default:
            false
        }
    }

    /// The CJK ideograph blocks BERT splits one by one; the gap at U+2B820–U+2B91F is
    /// in the original BERT code and the reference keeps it.
    static func isCJK(_ value: UInt32) -> Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
            0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            true
        default:
            false
        }
    }

    private enum ASCIIClass { case drop, space, punctuation, letter }

    /// Tab, newline and return separate words; the other C0 controls and DEL are
    /// dropped (vertical tab and form feed too: the reference drops controls before
    /// it looks for whitespace); 33–47, 58–64, 91–96 and 123–126 are punctuation.
    private static let asciiClass: [ASCIIClass] = (0..<128).map { (byte: Int) -> ASCIIClass in
        switch byte {
        case 0x09, 0x0A, 0x0D, 0x20: .space
        case 0x00..<0x20, 0x7F: .drop
        case 33...47, 58...64, 91...96, 123...126: .punctuation
        default: .letter
        }
    }
}
