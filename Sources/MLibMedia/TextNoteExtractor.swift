import Foundation
import MLibCore

/// Reads a text note (plain text, Markdown or Org, in any encoding `TextDecoding`
/// recognises) into a title, tags and body passages.
///
/// The title is the front-matter `title:`, else the first Markdown heading, else
/// Org's `#+TITLE:` or first outline heading, else the first non-empty line. Tags
/// come from front-matter `tags:`/`keywords:` and Org's `#+FILETAGS:`/`#+TAGS:`.
/// The body, without its front-matter, is cut into passages by `PassageSplitter`.
enum TextNoteExtractor {
    /// Notes longer than this are indexed up to here, and say so in their metadata.
    static let readLimit = 16 * 1024 * 1024
    /// Titles are cut to about this many characters, at a word boundary.
    static let titleLength = 120

    /// How a note is written; decides where its title and tags are found.
    enum Format: String {
        case markdown
        case org
        case plain
    }

    static func extract(_ file: borrowing SourceFile, mime: String) throws(MediaError) -> Extraction {
        let bytes = try file.read(upTo: readLimit)
        let truncated = bytes.count == readLimit && file.size > readLimit
        var extraction = note(bytes, path: file.path, mime: mime, truncated: truncated)
        if truncated { extraction.metadata["truncated_to_bytes"] = .number(Double(readLimit)) }
        return extraction
    }

    /// The extraction of a note whose (first) bytes are `bytes`.
    static func note(_ bytes: [UInt8], path: RawPath, mime: String, truncated: Bool = false) -> Extraction {
        let decoded = TextDecoding.decode(bytes, truncated: truncated)
        let text = decoded.text
        let format = format(of: text, extension: path.pathExtension)

        let matter: FrontMatter
        switch format {
        case .org: matter = FrontMatter.parseOrg(text)
        case .markdown, .plain: matter = FrontMatter.parse(text)
        }
        let title = (matter.title ?? heading(in: matter.body, format: format) ?? firstLine(of: matter.body, format: format))
            .flatMap(cleanTitle)

        var metadata: [String: JSONValue] = [
            "encoding": .string(decoded.encoding),
            "format": .string(format.rawValue),
            "lines": .number(Double(lineCount(text))),
            "words": .number(Double(wordCount(text))),
            "characters": .number(Double(text.count)),
        ]
        if !matter.tags.isEmpty { metadata["tags"] = .array(matter.tags.map(JSONValue.string)) }
        if !matter.keywords.isEmpty { metadata["keywords"] = .array(matter.keywords.map(JSONValue.string)) }
        if let author = matter.author { metadata["author"] = .string(author) }

        var segments: [SegmentDraft] = []
        if let title { segments.append(SegmentDraft(field: .title, text: title)) }
        let keywords = matter.tags + matter.keywords.filter { keyword in
            !matter.tags.contains { $0.caseInsensitiveCompare(keyword) == .orderedSame }
        }
        if !keywords.isEmpty { segments.append(SegmentDraft(field: .keywords, text: keywords.joined(separator: ", "))) }
        for passage in PassageSplitter.passages(matter.body) {
            segments.append(SegmentDraft(field: .body, text: passage))
        }
        return Extraction(kind: .text, mime: mime, title: title, metadata: metadata, segments: segments)
    }

    // MARK: Format

    static let markdownExtensions: Set<String> = ["md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdx"]

    /// Markdown or Org by extension, else by what the first lines look like.
    static func format(of text: String, extension pathExtension: String) -> Format {
        if markdownExtensions.contains(pathExtension) { return .markdown }
        if pathExtension == "org" { return .org }
        let lines = text.split(separator: "\n", maxSplits: 200, omittingEmptySubsequences: false).prefix(200)
        let orgKeywords = ["#+title:", "#+filetags:", "#+author:", "#+startup:", "#+begin_", "#+options:"]
        if lines.prefix(50).contains(where: { line in
            let lower = line.lowercased()
            return orgKeywords.contains { lower.hasPrefix($0) } || lower.contains("-*- mode: org -*-")
        }) {
            return .org
        }
        if FrontMatter.parse(text).body.startIndex != text.startIndex { return .markdown }
        if let first = lines.first(where: { !$0.allSatisfy(\.isWhitespace) }), atxHeading(first) != nil {
            return .markdown
        }
        var signals = 0
        var previous: Substring = ""
        for line in lines {
            if atxHeading(line) != nil || line.hasPrefix("```") || line.hasPrefix("~~~") { signals += 1 }
            if line.contains("](") { signals += 1 }
            if isSetextUnderline(line), !previous.allSatisfy(\.isWhitespace) {
                // `===` under a line is Markdown's own; `---` may just be a separator.
                signals += line.contains("=") ? 2 : 1
            }
            previous = line
        }
        return signals >= 2 ? .markdown : .plain
    }

    // MARK: Title

    /// The first heading: ATX or setext in Markdown, an outline heading in Org.
    static func heading(in body: Substring, format: Format) -> String? {
        switch format {
        case .plain:
            return nil
        case .org:
            for line in body.split(separator: "\n") {
                guard line.hasPrefix("*") else { continue }
                let stars = line.prefix { $0 == "*" }
                let rest = line.dropFirst(stars.count)
                guard rest.first == " " else { continue }
                var text = rest.trimmingCharacters(in: .whitespaces)
                // Trailing `:tag1:tag2:` belongs to the outline, not to the title.
                if let tags = text.range(of: #"\s+:[\w@#%:]+:$"#, options: .regularExpression) {
                    text = String(text[..<tags.lowerBound])
                }
                if !text.isEmpty { return text }
            }
            return nil
        case .markdown:
            var inFence = false
            var previous: Substring?
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.drop { $0 == " " }
                if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                    inFence.toggle()
                    previous = nil
                    continue
                }
                if inFence { continue }
                if let text = atxHeading(line), !text.isEmpty { return text }
                if let above = previous, isSetextUnderline(line), atxHeading(above) == nil {
                    let text = above.trimmingCharacters(in: .whitespaces)
                    if !text.isEmpty { return text }
                }
                previous = line.allSatisfy(\.isWhitespace) ? nil : line
            }
            return nil
        }
    }

    /// The text of `# Heading` (up to six `#`, at most three spaces before them).
    static func atxHeading(_ line: Substring) -> String? {
        let indent = line.prefix { $0 == " " }
        guard indent.count <= 3 else { return nil }
        let rest = line.dropFirst(indent.count)
        let hashes = rest.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count) else { return nil }
        let after = rest.dropFirst(hashes.count)
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        var text = after.trimmingCharacters(in: .whitespaces)
        // An optional closing run of `#` after a space is not part of the heading.
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing > 0 {
            let kept = text.dropLast(closing)
            if kept.isEmpty || kept.last == " " { text = kept.trimmingCharacters(in: .whitespaces) }
        }
        return text
    }

    /// `===` or `---` under a line of text, which makes that line a heading.
    static func isSetextUnderline(_ line: Substring) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, let first = trimmed.first, first == "=" || first == "-" else { return false }
        return trimmed.allSatisfy { $0 == first } && line.prefix(while: { $0 == " " }).count <= 3
    }

    /// The first line with text, skipping Org's `#+` keywords.
    static func firstLine(of body: Substring, format: Format) -> String? {
        for line in body.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || (format == .org && text.hasPrefix("#+")) { continue }
            return text
        }
        return nil
    }

    /// Spaces collapsed and the length cut to `titleLength` at a word boundary.
    static func cleanTitle(_ raw: String) -> String? {
        let words = raw.split(whereSeparator: \.isWhitespace)
        let title = words.joined(separator: " ")
        guard !title.isEmpty else { return nil }
        guard title.count > titleLength else { return title }
        let cut = title.prefix(titleLength)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) >= titleLength / 2 {
            return String(cut[..<space]) + "…"
        }
        return String(cut) + "…"
    }

    // MARK: Counts

    static func lineCount(_ text: String) -> Int {
        var lines = 0
        for scalar in text.unicodeScalars where scalar == "\n" { lines += 1 }
        if let last = text.unicodeScalars.last, last != "\n" { lines += 1 }
        return lines
    }

    /// Words as a word processor counts them: runs between spaces, with each Chinese
    /// or Japanese character counted as a word of its own.
    static func wordCount(_ text: String) -> Int {
        var words = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            if isCJK(scalar) {
                words += 1
                inWord = false
            } else if scalar.properties.isWhitespace {
                inWord = false
            } else if !inWord {
                words += 1
                inWord = true
            }
        }
        return words
    }

    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: true
        default: false
        }
    }
}
