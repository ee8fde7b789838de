/// Finds the runs of text written without spaces between words (Chinese, Japanese,
/// Korean), which a word tokenizer cannot split and a trigram index must carry.
public enum CJKText {
    /// Whether `scalar` belongs to a script written without word spaces.
    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF,  // Hiragana, Katakana
            0x3400...0x4DBF,  // CJK Extension A
            0x4E00...0x9FFF,  // CJK Unified Ideographs
            0xAC00...0xD7AF,  // Hangul syllables
            0xF900...0xFAFF,  // CJK Compatibility Ideographs
            0x20000...0x2FA1F:  // CJK Extensions B–F, compatibility supplement
            return true
        default:
            return false
        }
    }

    /// The maximal runs of CJK characters in `text`, in order.
    ///
    /// `"我们去夏日海滩 by the sea 海滩"` gives `["我们去夏日海滩", "海滩"]`.
    public static func runs(in text: String) -> [String] {
        var runs: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isCJK(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                runs.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { runs.append(String(current)) }
        return runs
    }
}
