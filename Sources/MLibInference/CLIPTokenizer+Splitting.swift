import Foundation

/// Text clean-up and CLIP's split into pieces, as the `tokenizers` normalizer and
/// pre-tokenizer of Hugging Face's `CLIPTokenizer` do them.
extension CLIPTokenizer {
    /// The UTF-8 bytes of each piece of `text`, in order.
    ///
    /// Clean-up: NFC, each run of Unicode white space to one space, then each scalar
    /// lower-cased on its own (`İ` becomes `i` and a combining dot, `Σ` always `σ`),
    /// as Rust's `char::to_lowercase` does. The split finds, at each place, the first
    /// of `'s 't 're 've 'm 'll 'd`, a run of letters (`\p{L}`), one digit
    /// (`\p{N}`), or a run of anything that is neither white space, letter nor
    /// digit; white space between pieces is dropped. (The pattern's
    /// `<|startoftext|>` / `<|endoftext|>` alternatives never match in `tokenizers`,
    /// so they are not tried here; real special tokens are cut out of the raw text
    /// before this runs.)
    static func pieces(of text: String) -> [[UInt8]] {
        let scalars = normalized(text)
        var pieces: [[UInt8]] = []
        var index = 0
        func piece(_ range: Range<Int>) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(range.count)
            for scalar in scalars[range] {
                bytes.append(contentsOf: UTF8.encode(scalar)!)
            }
            pieces.append(bytes)
        }
        while index < scalars.count {
            if let length = contractionLength(scalars, at: index) {
                piece(index..<(index + length))
                index += length
                continue
            }
            let start = index
            switch Kind(scalars[index]) {
            case .space:
                index += 1
            case .letter:
                while index < scalars.count, Kind(scalars[index]) == .letter { index += 1 }
                piece(start..<index)
            case .number:
                index += 1
                piece(start..<index)
            case .other:
                while index < scalars.count, Kind(scalars[index]) == .other { index += 1 }
                piece(start..<index)
            }
        }
        return pieces
    }

    /// NFC, white space runs collapsed to one space, scalars lower-cased.
    static func normalized(_ text: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        var inSpace = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !inSpace { scalars.append(" ") }
                inSpace = true
                continue
            }
            inSpace = false
            if scalar.isASCII {
                scalars.append(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 0x20)! : scalar)
            } else {
                scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return scalars
    }

    /// The length of the contraction (`'s`, `'t`, `'re`, `'ve`, `'m`, `'ll`, `'d`)
    /// starting at `index`, if one does.
    private static func contractionLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        guard scalars[index] == "'", index + 1 < scalars.count else { return nil }
        let next = scalars[index + 1]
        switch next {
        case "s", "t", "m", "d": return 2
        case "r", "v", "l":
            guard index + 2 < scalars.count else { return nil }
            let third = scalars[index + 2]
            return (next == "r" && third == "e") || (next == "v" && third == "e") || (next == "l" && third == "l") ? 3 : nil
        default: return nil
        }
    }

    /// What the split pattern sees in a scalar.
    private enum Kind: Equatable {
        case space, letter, number, other

        init(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                switch scalar.value {
                case 0x61...0x7A, 0x41...0x5A: self = .letter
                case 0x30...0x39: self = .number
                case 0x09...0x0D, 0x20: self = .space
                default: self = .other
                }
                return
            }
            let properties = scalar.properties
            if properties.isWhitespace {
                self = .space
                return
            }
            switch properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: self = .letter
            case .decimalNumber, .letterNumber, .otherNumber: self = .number
            default: self = .other
            }
        }
    }
}
