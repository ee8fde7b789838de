import Foundation

/// The metadata block at the top of a note: YAML between `---` lines (Jekyll, Hugo,
/// Obsidian), TOML between `+++` lines (Hugo), or Org's `#+KEY: value` header lines.
///
/// Only the keys mlib uses are read, with a forgiving line parser rather than a
/// YAML library: a note with odd front-matter still gets its body indexed.
///
/// ```
/// ---
/// title: Beach day
/// tags: [summer, "sea side"]
/// ---
/// ```
struct FrontMatter: Equatable {
    var title: String?
    var tags: [String] = []
    var keywords: [String] = []
    var author: String?
    /// The note without the front-matter block.
    var body: Substring

    /// How far down a closing `---` is looked for before the block is taken for body text.
    static let maximumLines = 200

    /// Splits YAML or TOML front-matter off `text`; `body` is all of `text` when there is none.
    static func parse(_ text: String) -> FrontMatter {
        var lines = text.split(separator: "\n", maxSplits: maximumLines + 1, omittingEmptySubsequences: false)[...]
        guard let opening = lines.first?.trimmingCharacters(in: .whitespacesAndNewlines), opening == "---" || opening == "+++" else {
            return FrontMatter(body: text[...])
        }
        lines = lines.dropFirst()
        let closers: Set<String> = opening == "---" ? ["---", "..."] : ["+++"]
        guard let end = lines.prefix(maximumLines).firstIndex(where: { closers.contains($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            return FrontMatter(body: text[...])
        }
        var matter = FrontMatter(body: Substring())
        matter.read(Array(lines[..<end]), separator: opening == "---" ? ":" : "=")
        let closing = lines[end]
        matter.body = closing.endIndex < text.endIndex ? text[text.index(after: closing.endIndex)...] : Substring()
        return matter
    }

    /// Reads Org's `#+TITLE:`, `#+FILETAGS:` and `#+TAGS:` lines; the body keeps
    /// everything but the leading block of such header lines.
    static func parseOrg(_ text: String) -> FrontMatter {
        var matter = FrontMatter(body: text[...])
        var headerEnd = text.startIndex
        var inHeader = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.hasPrefix("#+"), let colon = trimmed.firstIndex(of: ":") else {
                if !trimmed.isEmpty { inHeader = false }
                continue
            }
            let key = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<colon].uppercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            switch key {
            case "TITLE" where matter.title == nil && !value.isEmpty: matter.title = value
            case "FILETAGS", "TAGS": matter.tags.append(contentsOf: orgTags(value))
            case "KEYWORDS": matter.keywords.append(contentsOf: list(value))
            case "AUTHOR" where matter.author == nil && !value.isEmpty: matter.author = value
            default: break
            }
            if inHeader {
                headerEnd = line.endIndex < text.endIndex ? text.index(after: line.endIndex) : text.endIndex
            }
        }
        matter.body = text[headerEnd...]
        matter.tags = unique(matter.tags)
        matter.keywords = unique(matter.keywords)
        return matter
    }

    /// `:a:b:` or `a b`, as Org writes tag lists; `{` groups of `#+TAGS:` are dropped.
    static func orgTags(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" || $0 == "{" || $0 == "}" })
            .map { tag in
                // `#+TAGS: home(h)` defines a fast-selection key after the name.
                String(tag.split(separator: "(", maxSplits: 1).first ?? tag)
            }
            .filter { !$0.isEmpty && $0 != "\\n" }
    }

    // MARK: YAML and TOML lines

    private mutating func read(_ lines: [Substring], separator: Character) {
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            // Top-level keys only: indented lines belong to the key above.
            guard let first = line.first, first != " ", first != "\t", first != "#",
                let split = line.firstIndex(of: separator)
            else { continue }
            let key = line[..<split].trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            var value = line[line.index(after: split)...].trimmingCharacters(in: .whitespacesAndNewlines)
            var block: [String] = []
            while index < lines.count, lines[index].first == " " || lines[index].first == "\t" || lines[index].hasPrefix("-") {
                block.append(lines[index].trimmingCharacters(in: .whitespacesAndNewlines))
                index += 1
            }
            if value == ">" || value == "|" || value == ">-" || value == "|-" {
                value = block.joined(separator: " ")
                block = []
            }
            let items = block.isEmpty ? nil : block.compactMap(Self.blockItem)
            switch key {
            case "title" where title == nil:
                let unquoted = Self.unquote(value)
                if !unquoted.isEmpty { title = unquoted }
            case "tags", "tag", "categories":
                let found = items ?? Self.list(value, spaceSeparated: true)
                tags.append(contentsOf: found.map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }.filter { !$0.isEmpty })
            case "keywords":
                keywords.append(contentsOf: items ?? Self.list(value))
            case "author" where author == nil:
                let unquoted = Self.unquote(value)
                if !unquoted.isEmpty { author = unquoted }
            default:
                break
            }
        }
        tags = Self.unique(tags)
        keywords = Self.unique(keywords)
    }

    /// `- item` of a block list, unquoted.
    private static func blockItem(_ line: String) -> String? {
        guard line.hasPrefix("-") else { return nil }
        let item = unquote(String(line.dropFirst()).trimmingCharacters(in: .whitespacesAndNewlines))
        return item.isEmpty ? nil : item
    }

    /// `[a, "b c"]`, `a, b`, or (for tags, as Jekyll reads them) `a b`.
    static func list(_ value: String, spaceSeparated: Bool = false) -> [String] {
        var inner = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if inner.hasPrefix("["), inner.hasSuffix("]") {
            inner = String(inner.dropFirst().dropLast())
            return splitQuoted(inner, on: ",")
        }
        if inner.contains(",") || !spaceSeparated { return splitQuoted(inner, on: ",") }
        if inner.hasPrefix("\"") || inner.hasPrefix("'") { return splitQuoted(inner, on: ",") }
        return splitQuoted(inner, on: " ")
    }

    /// Splits on `separator` outside quotes, then unquotes and trims each part.
    private static func splitQuoted(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
                current.append(character)
            } else if character == "\"" || character == "'" {
                quote = character
                current.append(character)
            } else if character == separator {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.map { unquote($0.trimmingCharacters(in: .whitespacesAndNewlines)) }.filter { !$0.isEmpty }
    }

    /// The value without surrounding quotes (and a YAML comment after a bare value).
    static func unquote(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first {
            return String(trimmed.dropFirst().dropLast())
        }
        if let comment = trimmed.range(of: " #") {
            return String(trimmed[..<comment.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return trimmed
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0.lowercased()).inserted }
    }
}
