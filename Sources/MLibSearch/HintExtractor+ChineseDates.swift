import Foundation

extension HintExtractor {
    /// Chinese date expressions: `去年`, `2019年6月`, `去年夏天`, `上个月`, `三天前`, `六月`.
    struct ChineseDates {
        let tokens: Tokens
        let math: DateMath

        /// Years named from this one.
        static let relativeYears: Spellings<Int> = ["去年": -1, "今年": 0, "前年": -2]
        static let seasons: Spellings<Season> = [
            "春天": .spring, "春季": .spring, "夏天": .summer, "夏季": .summer, "秋天": .autumn, "秋季": .autumn,
            "冬天": .winter, "冬季": .winter,
        ]
        /// Units counted back with `前`: `三天前`, `两个月前`.
        static let units: Spellings<Unit> = [
            "天": .day, "日": .day, "周": .week, "星期": .week, "个星期": .week, "个礼拜": .week, "个月": .month,
            "年": .year,
        ]
        static let numerals: [Character: Int] = [
            "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
        ]

        enum Named { case today, yesterday, dayBeforeYesterday, thisWeek, lastWeek, thisMonth, lastMonth, recent }
        static let named: Spellings<Named> = [
            "今天": .today, "今日": .today, "昨天": .yesterday, "昨日": .yesterday, "前天": .dayBeforeYesterday,
            "本周": .thisWeek, "这周": .thisWeek, "这个星期": .thisWeek, "这星期": .thisWeek, "上周": .lastWeek,
            "上星期": .lastWeek, "上个星期": .lastWeek, "上礼拜": .lastWeek, "上个礼拜": .lastWeek, "本月": .thisMonth,
            "这个月": .thisMonth, "这月": .thisMonth, "上个月": .lastMonth, "上月": .lastMonth, "最近": .recent,
            "近期": .recent, "近来": .recent,
        ]

        /// A Chinese date expression at position `p`, with a leading `在` or `于`.
        func match(at p: Int) -> DateMatch? {
            if tokens.spells("在", at: p) != nil || tokens.spells("于", at: p) != nil, let found = core(at: p + 1) {
                return DateMatch(range: p..<found.range.upperBound, interval: found.interval)
            }
            return core(at: p)
        }

        private func found(_ p: Int, _ length: Int, _ interval: DateInterval?) -> DateMatch? {
            interval.map { DateMatch(range: p..<(p + length), interval: $0) }
        }

        private func core(at p: Int) -> DateMatch? {
            if let (offset, length) = tokens.spellsAny(Self.relativeYears, at: p) {
                let year = math.year + offset
                return withinYear(year, at: p + length, from: p) ?? found(p, length, math.year(year))
            }
            if let (year, digits) = tokens.number(p), digits == 4, DateMath.years.contains(year),
                tokens.spells("年", at: p + 1) != nil
            {
                return withinYear(year, at: p + 2, from: p) ?? found(p, 2, math.year(year))
            }
            if let (count, length) = number(at: p), let (unit, unitLength) = tokens.spellsAny(Self.units, at: p + length),
                tokens.spells("前", at: p + length + unitLength) != nil
            {
                return found(p, length + unitLength + 1, math.ago(count, unit))
            }
            if let (named, length) = tokens.spellsAny(Self.named, at: p) {
                return found(p, length, interval(named))
            }
            if let (season, length) = tokens.spellsAny(Self.seasons, at: p) {
                return found(p, length, math.latestStarted(season))
            }
            if let (month, length) = monthNumber(at: p) {
                if let (day, dayLength) = dayNumber(at: p + length) {
                    return found(p, length + dayLength, math.latestStarted(month: month, day: day))
                }
                return found(p, length, math.latestStarted(month: month))
            }
            return nil
        }

        /// A season, month or day of `year` written after it: `夏天`, `6月`, `6月14日`.
        private func withinYear(_ year: Int, at q: Int, from p: Int) -> DateMatch? {
            if let (season, length) = tokens.spellsAny(Self.seasons, at: q) {
                return found(p, q - p + length, math.season(season, year))
            }
            guard let (month, length) = monthNumber(at: q) else { return nil }
            if let (day, dayLength) = dayNumber(at: q + length) {
                return found(p, q - p + length + dayLength, math.day(year, month, day))
            }
            return found(p, q - p + length, math.month(year, month))
        }

        private func interval(_ named: Named) -> DateInterval? {
            switch named {
            case .today: math.holding(.day, math.now)
            case .yesterday: math.holding(.day, math.shifted(.day, by: -1))
            case .dayBeforeYesterday: math.holding(.day, math.shifted(.day, by: -2))
            case .thisWeek: math.holding(.week, math.now)
            case .lastWeek: math.holding(.week, math.shifted(.week, by: -1))
            case .thisMonth: math.holding(.month, math.now)
            case .lastMonth: math.holding(.month, math.shifted(.month, by: -1))
            case .recent: math.past(30, .day)
            }
        }

        /// `6月`, `六月` or `六月份`, and how many positions it takes.
        private func monthNumber(at p: Int) -> (Int, Int)? {
            guard let (month, length) = number(at: p), (1...12).contains(month), tokens.spells("月", at: p + length) != nil
            else { return nil }
            return (month, length + (tokens.spells("份", at: p + length + 1) != nil ? 2 : 1))  // 一月份
        }

        /// `14日`, `14号`, `十四日`.
        private func dayNumber(at p: Int) -> (Int, Int)? {
            guard let (day, length) = number(at: p), (1...31).contains(day),
                tokens.spells("日", at: p + length) != nil || tokens.spells("号", at: p + length) != nil
            else { return nil }
            return (day, length + 1)
        }

        /// A number of up to two digits, in digits or in Chinese numerals up to 99.
        func number(at p: Int) -> (Int, Int)? {
            if let (value, _) = tokens.number(p, maxDigits: 2) { return (value, 1) }
            var characters: [Character] = []
            while characters.count < 3, tokens.role(p + characters.count) == .ideograph,
                let key = tokens.key(p + characters.count), let character = key.first,
                key.count == 1, character == "十" || Self.numerals[character] != nil
            {
                characters.append(character)
            }
            guard let ten = characters.firstIndex(of: "十") else {
                return characters.first.flatMap { Self.numerals[$0] }.map { ($0, 1) }
            }
            // 十 is 10, 二十 is 20, 十二 is 12, 二十三 is 23.
            guard ten <= 1, let tens = ten == 0 ? 1 : Self.numerals[characters[0]] else { return nil }
            let after = characters[(ten + 1)...]
            guard after.count <= 1, let ones = after.isEmpty ? 0 : after.first.flatMap({ Self.numerals[$0] }) else {
                return (tens * 10, ten + 1)
            }
            return (tens * 10 + ones, ten + 1 + after.count)
        }
    }
}
