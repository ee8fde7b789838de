extension HintExtractor {
    /// Camera names said as the camera an item was made with: `canon photos`, `shot on
    /// iphone 12`, `with my pixel 7`, `佳能`.
    ///
    /// A camera named as a subject (`photos of my canon`, `a leica`) and a mountain
    /// (`mount fuji`) are not hints and stay in the semantic text.
    struct Cameras {
        static let brands: Set<String> = [
            "canon", "nikon", "sony", "fujifilm", "fuji", "olympus", "panasonic", "lumix", "leica", "pentax", "ricoh",
            "gopro", "dji", "iphone", "ipad", "pixel", "samsung", "galaxy", "huawei", "xiaomi", "oneplus", "hasselblad",
            "eos",
        ]
        /// Brands that are ordinary words too: cameras only with a model or after `on`/`with`.
        static let ambiguousBrands: Set<String> = ["pixel", "galaxy", "eos"]
        /// Brands that are also mountains.
        static let mountains: Set<String> = ["fuji", "olympus"]
        static let chineseBrands: Spellings<String> = [
            "佳能": "canon", "尼康": "nikon", "索尼": "sony", "富士": "fujifilm", "奥林巴斯": "olympus", "松下": "panasonic",
            "徕卡": "leica", "宾得": "pentax", "理光": "ricoh", "大疆": "dji", "华为": "huawei", "小米": "xiaomi", "三星": "samsung",
        ]
        /// Model names without a digit: `iphone xs`, `iphone se`.
        static let letterModels: Set<String> = ["x", "xs", "xr", "se"]
        /// Words after a model that belong to it: `iphone 15 pro max`, `a7 iii`.
        static let variants: Set<String> = ["pro", "max", "mini", "ultra", "plus", "lite", "ii", "iii", "iv"]
        /// Words saying the camera made the item: `shot on`, `with`, `using`.
        static let connectors: Set<String> = ["on", "with", "using"]
        static let verbs: Set<String> = ["shot", "taken", "filmed", "captured", "recorded", "made"]
        static let possessives: Set<String> = ["my", "our", "his", "her", "their", "your", "a", "an", "the"]
        /// Words before a camera that make it the subject of the query.
        static let subjectMarkers: Set<String> = [
            "a", "an", "the", "my", "our", "his", "her", "their", "your", "this", "that", "of", "about", "new", "old",
        ]

        /// Finds the cameras, claims their words, and returns their names in order.
        static func claim(in tokens: inout Tokens) -> [String] {
            var names: [String] = []
            var p = 0
            while p < tokens.count {
                if let (range, name) = camera(at: p, in: tokens) ?? chineseCamera(at: p, in: tokens) {
                    tokens.claim(range, as: .camera)
                    if !names.contains(name) { names.append(name) }
                    p = range.upperBound
                } else {
                    p += 1
                }
            }
            return names
        }

        private static func camera(at p: Int, in tokens: Tokens) -> (Range<Int>, String)? {
            guard let brand = tokens.word(p), brands.contains(brand) else { return nil }
            var words = [brand]
            var end = p + 1
            if let (model, length) = model(at: end, in: tokens) {
                words.append(model)
                end += length
                while words.count < 4, let variant = tokens.word(end), variants.contains(variant) {
                    words.append(variant)
                    end += 1
                }
            }
            var start = p
            if possessives.contains(tokens.word(start - 1) ?? ""), connectors.contains(tokens.word(start - 2) ?? "") {
                start -= 2
            } else if connectors.contains(tokens.word(start - 1) ?? "") {
                start -= 1
            }
            if start < p, verbs.contains(tokens.word(start - 1) ?? "") { start -= 1 }
            let connected = start < p
            let previous = tokens.mark(p - 1) == "." ? tokens.word(p - 2) : tokens.word(p - 1)
            if mountains.contains(brand), ["mount", "mt", "mont", "monte"].contains(previous ?? "") { return nil }
            if !connected, subjectMarkers.contains(tokens.word(p - 1) ?? "") { return nil }
            if ambiguousBrands.contains(brand), words.count == 1, !connected { return nil }
            return (start..<end, words.joined(separator: " "))
        }

        /// A model name and how many positions it takes: short, letters and digits with at
        /// least one digit, and not a year (`12`, `r5`, `d850`, `x100v`, `x-t4` with its
        /// hyphen), or a lettered model such as `xs`.
        private static func model(at p: Int, in tokens: Tokens) -> (String, Int)? {
            guard let first = tokens.word(p) else { return nil }
            var model = first
            var length = 1
            while tokens.mark(p + length) == "-", tokens.touches(p + length), tokens.touches(p + length + 1),
                let part = tokens.word(p + length + 1)
            {
                model += "-" + part
                length += 2
            }
            guard model.count <= 8, model.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else { return nil }
            if letterModels.contains(model) { return (model, length) }
            guard model.contains(where: \.isNumber) else { return nil }
            if let (year, digits) = tokens.number(p), digits == 4, DateMath.years.contains(year) { return nil }
            return (model, length)
        }

        private static func chineseCamera(at p: Int, in tokens: Tokens) -> (Range<Int>, String)? {
            guard let (name, length) = tokens.spellsAny(chineseBrands, at: p),
                !(name == "fujifilm" && tokens.spells("山", at: p + length) != nil)
            else { return nil }
            return (p..<(p + length), name)
        }
    }
}
