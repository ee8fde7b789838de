import Foundation
import MLibCore

extension HintAgreement {
    /// Other names a camera brand appears under in metadata: a Lumix is made by Panasonic.
    static let brandAliases: [String: [String]] = [
        "fuji": ["fujifilm"], "fujifilm": ["fuji"], "lumix": ["panasonic"], "eos": ["canon"],
        "galaxy": ["samsung"], "iphone": ["apple"], "ipad": ["apple"],
    ]

    /// 1 when `camera_make`/`camera_model` hold any of `cameras`, -1 when they hold none,
    /// nil without cameras on either side.
    ///
    /// A camera matches when its brand (or an alias) begins a metadata word, so `fuji`
    /// matches `FUJIFILM`, and each model word is a metadata word, so `iphone 12` matches
    /// `Apple` + `iPhone 12 Pro` but not `iPhone 13`.
    static func camera(_ cameras: [String], metadata: [String: JSONValue]) -> Double? {
        let fields = ["camera_make", "camera_model"].compactMap { metadata[$0]?.stringValue }
        let itemWords = Set(fields.flatMap(words))
        guard !cameras.isEmpty, !itemWords.isEmpty else { return nil }
        let matches = cameras.contains { camera in
            let parts = words(camera)
            guard let brand = parts.first else { return false }
            let names = [brand] + (brandAliases[brand] ?? [])
            return itemWords.contains { word in names.contains { word.hasPrefix($0) } }
                && parts.dropFirst().allSatisfy(itemWords.contains)
        }
        return matches ? 1 : -1
    }

    /// The share of `phrases` found in `text`, ignoring case, diacritics and spacing.
    static func phrase(_ phrases: [String], text: String) -> Double? {
        guard !phrases.isEmpty else { return nil }
        let haystack = folded(text)
        let found = phrases.filter { haystack.contains(folded($0)) }
        return Double(found.count) / Double(phrases.count)
    }

    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Lower-cased runs of letters and digits.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
