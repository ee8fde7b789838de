import MLibCore

/// Splits a file's name and its folders' names into searchable words.
///
/// `~/Media/Trips/IMG_2041 redDress-cafe.jpg` gives `Trips IMG 2041 red Dress cafe`:
/// separators become spaces, camelCase and letter/digit runs are split, the
/// extension and the generic top of the tree are dropped.
enum NameWords {
    /// How many folders above the file count as part of its name.
    static let folderDepth = 2

    static func words(for path: RawPath) -> String {
        var components: [String] = []
        var current = path
        let name = path.fileName
        let stem: Substring
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            stem = name[..<dot]
        } else {
            stem = Substring(name)
        }
        components.append(String(stem))
        for _ in 0..<folderDepth {
            current = current.parent
            let folder = current.fileName
            if folder.isEmpty || folder == "/" || folder == "." { break }
            components.append(folder)
        }
        return components.reversed().map(split).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `IMG_2041 redDress` → `IMG 2041 red Dress`.
    static func split(_ text: String) -> String {
        var words: [String] = []
        var word = ""
        var previous: Character?
        for character in text {
            let isWordCharacter = character.isLetter || character.isNumber
            if !isWordCharacter {
                if !word.isEmpty { words.append(word) }
                word = ""
                previous = nil
                continue
            }
            if let previous, !word.isEmpty {
                let caseBreak = previous.isLowercase && character.isUppercase
                let digitBreak = previous.isNumber != character.isNumber
                if caseBreak || digitBreak {
                    words.append(word)
                    word = ""
                }
            }
            word.append(character)
            previous = character
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: " ")
    }
}
