extension Character {
    /// Columns this character takes on a terminal: 0 for combining marks and format
    /// characters, 2 for East Asian wide characters and emoji, 1 otherwise.
    ///
    /// An approximation of `wcwidth` good enough to keep table rows inside the width.
    var terminalColumns: Int {
        var width = 0
        for scalar in unicodeScalars {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format:
                continue
            default:
                break
            }
            if scalar.value == 0xFE0F || properties.isEmojiPresentation || scalar.isEastAsianWide {
                return 2
            }
            width = max(width, 1)
        }
        return width
    }
}

extension Unicode.Scalar {
    fileprivate var isEastAsianWide: Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}

extension String {
    /// Columns the text takes on a terminal; see `Character.terminalColumns`.
    var terminalColumns: Int {
        reduce(0) { $0 + $1.terminalColumns }
    }

    /// The text cut at the end to at most `columns` columns, `…` marking the cut.
    ///
    /// Characters in `invisible` take no column (they will become escape sequences).
    func truncatedAtEnd(toColumns columns: Int, invisible: Set<Character> = []) -> String {
        func width(_ character: Character) -> Int {
            invisible.contains(character) ? 0 : character.terminalColumns
        }
        let total = reduce(0) { $0 + width($1) }
        guard total > columns else { return self }
        guard columns > 0 else { return "" }
        var out = ""
        var used = 0
        for character in self {
            let next = width(character)
            if used + next > columns - 1 { break }
            out.append(character)
            used += next
        }
        while out.last?.isWhitespace == true { out.removeLast() }
        return out + "…"
    }

    /// The text cut at the start to at most `columns` columns, `…` marking the cut:
    /// for paths, whose end says the most.
    func truncatedAtStart(toColumns columns: Int) -> String {
        guard terminalColumns > columns else { return self }
        guard columns > 0 else { return "" }
        var kept: [Character] = []
        var used = 0
        for character in reversed() {
            let next = character.terminalColumns
            if used + next > columns - 1 { break }
            kept.append(character)
            used += next
        }
        return "…" + String(kept.reversed())
    }

    /// The text padded with spaces on the left to `columns` columns.
    func leftPadded(toColumns columns: Int) -> String {
        String(repeating: " ", count: max(0, columns - terminalColumns)) + self
    }

    /// The text padded with spaces on the right to `columns` columns.
    func rightPadded(toColumns columns: Int) -> String {
        self + String(repeating: " ", count: max(0, columns - terminalColumns))
    }
}
