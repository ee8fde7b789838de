import MLibCore

extension HintExtractor {
    /// Words asking for a kind of item, when they read as that request: `video of X`,
    /// `X video`, `photos from 2019`, `videos`, `照片`; not `video games` or `photo editing`.
    struct Kinds {
        static let words: [String: ItemKind] = [
            "video": .video, "videos": .video, "vid": .video, "vids": .video, "clip": .video, "clips": .video,
            "footage": .video,
            "photo": .image, "photos": .image, "photograph": .image, "photographs": .image, "picture": .image,
            "pictures": .image, "pic": .image, "pics": .image, "image": .image, "images": .image,
            "screenshot": .image, "screenshots": .image, "foto": .image, "fotos": .image, "bild": .image,
            "bilder": .image, "imagen": .image, "imagenes": .image,
            "note": .text, "notes": .text, "document": .text, "documents": .text, "docs": .text, "notiz": .text,
            "notizen": .text, "nota": .text, "notas": .text, "dokument": .text, "dokumente": .text,
            "documento": .text, "documentos": .text,
        ]
        /// Note words, which ask for notes only before `about`/`on`/`of` or at either end.
        static let noteWords: Set<String> = ["note", "notes", "notiz", "notizen", "nota", "notas"]
        static let noteFollowers: Set<String> = ["about", "on", "of", "uber", "sobre", "sur"]
        /// Words after a kind word that show it names what is wanted: `photos at the beach`.
        static let followers: Set<String> = [
            "of", "from", "about", "on", "at", "in", "with", "showing", "taken", "shot", "filmed", "during", "near",
            "for", "by", "where", "when", "that", "which", "de", "du", "des", "d", "von", "vom", "aus", "mit", "uber",
            "sobre", "del", "con", "en", "sur",
        ]
        /// Followers that only join the kind word to its subject, and go with it.
        static let joiningFollowers: Set<String> = [
            "of", "from", "about", "showing", "de", "du", "des", "d", "von", "vom", "uber", "sobre", "del",
        ]
        static let determiners: Set<String> = [
            "a", "an", "the", "this", "that", "these", "those", "some", "my", "our", "your", "his", "her", "their",
        ]
        static let chinese: Spellings<ItemKind> = [
            "视频": .video, "影片": .video, "录像": .video, "录影": .video, "短片": .video,
            "照片": .image, "图片": .image, "相片": .image, "图像": .image, "截图": .image,
            "笔记": .text, "文档": .text,
        ]

        /// Finds the kind words, claims them, and returns the kinds with the words that said each.
        static func claim(in tokens: inout Tokens) -> [(ItemKind, String)] {
            var found: [(ItemKind, String)] = []
            for p in 0..<tokens.count {
                if let (kind, range) = kind(at: p, in: tokens) {
                    tokens.claim(range, as: .kind)
                    found.append((kind, tokens.text(range)))
                }
            }
            return found
        }

        private static func kind(at p: Int, in tokens: Tokens) -> (ItemKind, Range<Int>)? {
            if let (kind, length) = tokens.spellsAny(chinese, at: p) { return (kind, p..<(p + length)) }
            guard let word = tokens.word(p), let kind = words[word] else { return nil }
            let next = tokens.word(p + 1) ?? ""
            let isNote = noteWords.contains(word)
            // `the video where…`, `my photos`: the determiner only introduced the kind word.
            let start = determiners.contains(tokens.word(p - 1) ?? "") ? p - 1 : p
            if isNote ? noteFollowers.contains(next) : followers.contains(next) {
                let joins = joiningFollowers.contains(next) || (isNote && noteFollowers.contains(next))
                return (kind, start..<(joins ? p + 2 : p + 1))
            }
            let reads: Bool
            if isNote {
                reads = isFirst(p, in: tokens) || isLast(p, in: tokens)
            } else {
                reads = isLast(p, in: tokens) || tokens.claim(p + 1) != nil || tokens.claim(p - 1) == .camera
                    || (word.hasSuffix("s") && isFirst(p, in: tokens))
            }
            return reads ? (kind, start..<(p + 1)) : nil
        }

        /// Whether nothing but hints and punctuation comes before `p`.
        private static func isFirst(_ p: Int, in tokens: Tokens) -> Bool {
            (0..<p).allSatisfy { isNothing($0, in: tokens) }
        }

        /// Whether nothing but hints and punctuation comes after `p`.
        private static func isLast(_ p: Int, in tokens: Tokens) -> Bool {
            ((p + 1)..<max(p + 1, tokens.count)).allSatisfy { isNothing($0, in: tokens) }
        }

        private static func isNothing(_ q: Int, in tokens: Tokens) -> Bool {
            tokens.claim(q) != nil || tokens.role(q) == .quote || tokens.mark(q) != nil
        }
    }
}
