public import MLibCore

extension DominantColours {
    /// The most times one name is repeated in `evidenceText`.
    public static let maximumRepetitions = 3

    /// The names for the word index, largest first, each once per third of the
    /// picture it has begun to cover (up to three times), so that word ranking
    /// weighs a mostly-red picture above one with a red corner: 70 % red and
    /// 30 % blue gives `red red red blue`; 50 % green, 30 % white, 20 % yellow
    /// gives `green green white yellow`.
    public var evidenceText: String {
        shares.flatMap { share in
            let times = min(Self.maximumRepetitions, 1 + Int(share.share * Double(Self.maximumRepetitions)))
            return Array(repeating: share.name.rawValue, count: times)
        }
        .joined(separator: " ")
    }

    /// The shares as item metadata, largest first:
    /// `[{"name": "red", "share": 0.7, "hex": "#C81E1E"}, …]`, shares to three decimals.
    public var json: JSONValue {
        .array(
            shares.map { share in
                .object([
                    "name": .string(share.name.rawValue),
                    "share": .number((share.share * 1000).rounded() / 1000),
                    "hex": .string(share.hex),
                ])
            })
    }
}
