public import MLibCore

/// Splits a file's name and its folders' names into searchable words.
///
/// `~/Media/Trips/IMG_2041 redDress-cafe.jpg` gives `Trips IMG 2041 red Dress cafe`:
/// separators become spaces, camelCase and letter/digit runs are split, the
/// extension and the generic top of the tree (`/home/ana`, `Media`, `Pictures`,
/// `DCIM`…) are dropped.
public enum NameWords {
    /// How many folders above the file are looked at for words.
    static let folderDepth = 2

    /// Folder names that say where files are kept, not what they show.
    static let genericFolders: Set<String> = [
        "media", "pictures", "photos", "images", "videos", "movies", "documents", "desktop",
        "downloads", "dcim", "camera", "notes", "home", "users", "mnt", "tmp", "var", "srv", "run",
    ]

    /// The searchable words of a file's name and the folders above it.
    public static func words(for path: RawPath) -> String {
        var components = [stem(of: path.fileName)]
        var current = path
        for _ in 0..<folderDepth {
            current = current.parent
            let folder = current.fileName
            if folder.isEmpty || folder == "/" || folder == "." || folder == ".." { break }
            // `/home/ana`, `/media/ana`, `/run/media/ana`: the user's name says nothing
            // about the file, and neither does anything above it.
            let above = current.parent
            if above.bytes == Array("/".utf8) { break }
            if ["home", "users", "media"].contains(above.fileName.lowercased()) && above.parent.fileName.isEmpty
                || above.string.lowercased() == "/run/media"
            {
                break
            }
            if genericFolders.contains(folder.lowercased()) { continue }
            components.append(folder)
        }
        return components.reversed().map(split).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The name without its extension; a "suffix" that is only digits (`2024.06.01`)
    /// or longer than five characters is part of the name, not an extension.
    static func stem(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        let suffix = name[name.index(after: dot)...]
        let isExtension = (1...5).contains(suffix.count)
            && suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            && suffix.contains { $0.isLetter }
        return isExtension ? String(name[..<dot]) : name
    }

    /// `IMG_2041 redDress` → `IMG 2041 red Dress`; `HTMLParser` → `HTML Parser`.
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
                } else if previous.isUppercase && character.isLowercase && word.count > 1 {
                    // The last capital of an acronym starts the next word.
                    let last = word.removeLast()
                    words.append(word)
                    word = String(last)
                }
            }
            word.append(character)
            previous = character
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: " ")
    }
}
