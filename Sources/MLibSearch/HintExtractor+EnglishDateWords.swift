extension HintExtractor.EnglishDates {
    /// Words that may lead into a date and go with it: `in 2019`, `since june`.
    static let connectors: Set<String> = ["in", "during", "from", "since", "on"]
    /// Connectors after which `may`, `march` and abbreviations are months, and seasons
    /// stand alone: `in may`, `in the summer`.
    static let monthConnectors: Set<String> = ["in", "during", "since"]
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
        "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
    /// Month names that are also ordinary words, so months only next to a year or after `in`.
    static let ambiguousMonths: Set<String> = [
        "march", "may", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    static let seasons: [String: HintExtractor.Season] = [
        "spring": .spring, "summer": .summer, "autumn": .autumn, "fall": .autumn, "winter": .winter,
    ]
    static let units: [String: HintExtractor.Unit] = [
        "day": .day, "days": .day, "week": .week, "weeks": .week, "month": .month, "months": .month,
        "year": .year, "years": .year,
    ]
    static let counts: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    ]
    static let rangeWords: Set<String> = ["-", "–", "—", "to", "until", "till", "through", "thru"]
    static let recentWords: Set<String> = ["recent", "recently", "lately", "latest"]
    /// Marks that may touch a year standing alone: `(2019)`, `2019,`, `2019's`.
    static let yearNeighbours: Set<String> = ["(", ")", "[", "]", ",", ".", ";", ":", "!", "?", "'", "’"]
}
