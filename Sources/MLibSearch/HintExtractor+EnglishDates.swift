import Foundation

extension HintExtractor {
    /// A date expression found at some positions of a query.
    struct DateMatch {
        var range: Range<Int>
        var interval: DateInterval
    }

    /// English date expressions: years and ranges of years, months and days, seasons,
    /// and days and periods counted from now.
    struct EnglishDates {
        let tokens: Tokens
        let math: DateMath

        /// A date expression starting at position `p`, with the connector leading into it.
        func match(at p: Int) -> DateMatch? {
            if let connector = tokens.word(p), Self.connectors.contains(connector) {
                let q = tokens.word(p + 1) == "the" ? p + 2 : p + 1
                if let found = core(at: q, after: connector) {
                    var interval = found.interval
                    if connector == "since" { interval = DateInterval(start: interval.start, end: max(interval.end, math.now)) }
                    return DateMatch(range: p..<found.range.upperBound, interval: interval)
                }
            }
            if tokens.word(p) == "most", let recent = tokens.word(p + 1), Self.recentWords.contains(recent) {
                return math.past(30, .day).map { DateMatch(range: p..<(p + 2), interval: $0) }
            }
            return core(at: p, after: nil)
        }

        private func found(_ p: Int, _ length: Int, _ interval: DateInterval?) -> DateMatch? {
            interval.map { DateMatch(range: p..<(p + length), interval: $0) }
        }

        private func core(at p: Int, after connector: String?) -> DateMatch? {
            guard let word = tokens.word(p) else { return nil }
            if let (value, digits) = tokens.number(p) {
                if digits == 4, DateMath.years.contains(value), let match = year(value, at: p) { return match }
                return dayMonth(value, at: p) ?? ago(at: p)
            }
            if let month = Self.months[word] { return monthFirst(month, named: word, at: p, after: connector) }
            if let season = Self.seasons[word] {
                if let (year, length) = year(after: p + 1) { return found(p, 1 + length, math.season(season, year)) }
                let alone = connector.map(Self.monthConnectors.contains) == true && word != "fall"
                return alone ? found(p, 1, math.latestStarted(season)) : nil
            }
            if let decade = decade(word) { return found(p, 1, math.years(decade, decade + 9)) }
            switch word {
            case "today", "tonight": return found(p, 1, math.holding(.day, math.now))
            case "yesterday": return found(p, 1, math.holding(.day, math.shifted(.day, by: -1)))
            case "last", "this", "past": return relative(word, at: p)
            case "between": return between(at: p)
            case _ where Self.recentWords.contains(word): return found(p, 1, math.past(30, .day))
            default: return ago(at: p)
            }
        }

        /// `2019`, `2019-06`, `2019-06-14`, `2018-2020`, `2019 june`, `2019 summer`.
        private func year(_ year: Int, at p: Int) -> DateMatch? {
            if let separator = tokens.mark(p + 1), ["-", "/"].contains(separator), tokens.touches(p + 1),
                tokens.touches(p + 2), let (month, _) = tokens.number(p + 2, maxDigits: 2)
            {
                if tokens.mark(p + 3) == separator, tokens.touches(p + 3), tokens.touches(p + 4),
                    let (day, _) = tokens.number(p + 4, maxDigits: 2), let interval = math.day(year, month, day)
                {
                    return found(p, 5, interval)
                }
                if let interval = math.month(year, month) { return found(p, 3, interval) }
            }
            if let through = tokens.key(p + 1), Self.rangeWords.contains(through),
                let (last, digits) = tokens.number(p + 2), digits == 4, DateMath.years.contains(last)
            {
                return found(p, 3, math.years(year, last))
            }
            if let next = tokens.word(p + 1) {
                if let month = Self.months[next] { return found(p, 2, math.month(year, month)) }
                if let season = Self.seasons[next] { return found(p, 2, math.season(season, year)) }
            }
            return standsAlone(p) ? found(p, 1, math.year(year)) : nil
        }

        /// Whether the year at `p` is a word of its own, not part of `$2000` or `img_2019`.
        private func standsAlone(_ p: Int) -> Bool {
            func fine(_ q: Int) -> Bool {
                guard let role = tokens.role(q) else { return true }
                if role == .ideograph || role == .quote { return true }
                return role == .mark && tokens.key(q).map(Self.yearNeighbours.contains) == true
            }
            return (!tokens.touches(p) || fine(p - 1)) && (!tokens.touches(p + 1) || fine(p + 1))
        }

        /// A year at `p`, directly or after `of` or a comma: `june 2019`, `summer of 2019`.
        private func year(after p: Int) -> (Int, Int)? {
            let skip = tokens.word(p) == "of" || tokens.mark(p) == "," ? 1 : 0
            guard let (year, digits) = tokens.number(p + skip), digits == 4, DateMath.years.contains(year) else { return nil }
            return (year, skip + 1)
        }

        /// A day of the month, as `14` or `14th`.
        private func dayNumber(_ p: Int) -> Int? {
            guard let word = tokens.word(p) else { return nil }
            let digits = word.prefix { $0.isASCII && $0.isNumber }
            let suffix = word.dropFirst(digits.count)
            guard (1...2).contains(digits.count), ["", "st", "nd", "rd", "th"].contains(String(suffix)),
                let day = Int(digits), (1...31).contains(day)
            else { return nil }
            return day
        }

        /// `june 2019`, `june of 2019`, `june 14, 2019`, `june 14`, `june`.
        private func monthFirst(_ month: Int, named name: String, at p: Int, after connector: String?) -> DateMatch? {
            if let day = dayNumber(p + 1) {
                let comma = tokens.mark(p + 2) == "," ? 1 : 0
                if let (year, digits) = tokens.number(p + 2 + comma), digits == 4, DateMath.years.contains(year) {
                    return found(p, 3 + comma, math.day(year, month, day))
                }
                return found(p, 2, math.latestStarted(month: month, day: day))
            }
            if let (year, length) = year(after: p + 1) { return found(p, 1 + length, math.month(year, month)) }
            let alone = !Self.ambiguousMonths.contains(name) || connector.map(Self.monthConnectors.contains) == true
            return alone ? found(p, 1, math.latestStarted(month: month)) : nil
        }

        /// `14 june 2019`, `14 june`.
        private func dayMonth(_ day: Int, at p: Int) -> DateMatch? {
            guard (1...31).contains(day), let name = tokens.word(p + 1), let month = Self.months[name] else { return nil }
            if let (year, digits) = tokens.number(p + 2), digits == 4, DateMath.years.contains(year) {
                return found(p, 3, math.day(year, month, day))
            }
            return found(p, 2, math.latestStarted(month: month, day: day))
        }

        /// `last week`, `this year`, `last summer`, `this june`, `past 3 days`, `last night`.
        private func relative(_ which: String, at p: Int) -> DateMatch? {
            guard let next = tokens.word(p + 1) else { return nil }
            // `the last week` counts back from now, as `the past week` does.
            let which = which == "last" && tokens.word(p - 1) == "the" ? "past" : which
            if let unit = Self.units[next], next == "day" || next.last != "s" {
                switch which {
                case "this" where unit != .day: return found(p, 2, math.holding(unit, math.now))
                case "last" where unit != .day: return found(p, 2, math.holding(unit, math.shifted(unit, by: -1)))
                case "past": return found(p, 2, math.past(1, unit))
                default: return nil
                }
            }
            if which == "last", next == "night" { return found(p, 2, math.holding(.day, math.shifted(.day, by: -1))) }
            if let season = Self.seasons[next], which != "past" {
                return found(p, 2, which == "last" ? math.latestEnded(season) : math.current(season))
            }
            if let month = Self.months[next], which != "past" {
                return found(p, 2, which == "last" ? math.latestEnded(month: month) : math.month(math.year, month))
            }
            if which != "this", let count = count(p + 1), let name = tokens.word(p + 2), let unit = Self.units[name] {
                return found(p, 3, math.past(count, unit))
            }
            return nil
        }

        /// The first year of `1990s`, `90s` (the latest such decade that has begun), `2010s`.
        private func decade(_ word: String) -> Int? {
            guard word.hasSuffix("s"), word.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }),
                let number = Int(word.dropLast()), number % 10 == 0
            else { return nil }
            switch word.count {
            case 5 where DateMath.years.contains(number): return number
            case 3: return 2000 + number <= math.year ? 2000 + number : 1900 + number
            default: return nil
            }
        }

        /// `between 2018 and 2020`.
        private func between(at p: Int) -> DateMatch? {
            guard let (first, d1) = tokens.number(p + 1), let (last, d2) = tokens.number(p + 3), d1 == 4, d2 == 4,
                tokens.word(p + 2) == "and", DateMath.years.contains(first), DateMath.years.contains(last)
            else { return nil }
            return found(p, 4, math.years(first, last))
        }

        /// `3 days ago`, `a week ago`, `two years ago`.
        private func ago(at p: Int) -> DateMatch? {
            guard let count = count(p), let name = tokens.word(p + 1), let unit = Self.units[name],
                tokens.word(p + 2) == "ago"
            else { return nil }
            return found(p, 3, math.ago(count, unit))
        }

        private func count(_ p: Int) -> Int? {
            if let (value, _) = tokens.number(p) { return value }
            return tokens.word(p).flatMap { Self.counts[$0] }
        }
    }
}
