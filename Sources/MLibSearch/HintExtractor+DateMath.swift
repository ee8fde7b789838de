import Foundation

extension HintExtractor {
    /// A northern-hemisphere meteorological season; winter starts in December and runs into
    /// the next year, and is named by the year of its December.
    enum Season: Int {
        case spring = 3, summer = 6, autumn = 9, winter = 12

        var firstMonth: Int { rawValue }
    }

    /// A length of calendar time a query can count in.
    enum Unit {
        case day, week, month, year

        var component: Calendar.Component {
            switch self {
            case .day: .day
            case .week: .weekOfYear
            case .month: .month
            case .year: .year
            }
        }
    }

    /// Calendar arithmetic for date hints, in one calendar and relative to one moment.
    struct DateMath {
        let calendar: Calendar
        let now: Date

        static let years = 1900...2100

        var year: Int { calendar.component(.year, from: now) }
        var month: Int { calendar.component(.month, from: now) }

        /// Midnight starting the given day, or nil when there is no such day (`2019-02-30`).
        func start(_ year: Int, _ month: Int = 1, _ day: Int = 1) -> Date? {
            guard Self.years.contains(year), (1...12).contains(month), (1...31).contains(day),
                let date = calendar.date(from: DateComponents(year: year, month: month, day: day))
            else { return nil }
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return parts.year == year && parts.month == month && parts.day == day ? date : nil
        }

        func span(from start: Date?, _ unit: Unit, _ count: Int) -> DateInterval? {
            guard let start, let end = calendar.date(byAdding: unit.component, value: count, to: start), end >= start
            else { return nil }
            return DateInterval(start: start, end: end)
        }

        func year(_ year: Int) -> DateInterval? { span(from: start(year), .year, 1) }

        func years(_ first: Int, _ last: Int) -> DateInterval? {
            span(from: start(min(first, last)), .year, abs(last - first) + 1)
        }

        func month(_ year: Int, _ month: Int) -> DateInterval? { span(from: start(year, month), .month, 1) }

        func day(_ year: Int, _ month: Int, _ day: Int) -> DateInterval? { span(from: start(year, month, day), .day, 1) }

        func season(_ season: Season, _ year: Int) -> DateInterval? {
            span(from: start(year, season.firstMonth), .month, 3)
        }

        /// The day, week, month or year holding `date`.
        func holding(_ unit: Unit, _ date: Date?) -> DateInterval? {
            date.flatMap { calendar.dateInterval(of: unit.component, for: $0) }
        }

        func shifted(_ unit: Unit, by count: Int) -> Date? {
            calendar.date(byAdding: unit.component, value: count, to: now)
        }

        /// The day, week, month or year `count` of them back: `3 days ago` is that day.
        func ago(_ count: Int, _ unit: Unit) -> DateInterval? {
            (1...1000).contains(count) ? holding(unit, shifted(unit, by: -count)) : nil
        }

        /// From `count` units back until now: `the past 3 days`.
        func past(_ count: Int, _ unit: Unit) -> DateInterval? {
            guard (1...1000).contains(count), let start = shifted(unit, by: -count) else { return nil }
            return DateInterval(start: start, end: now)
        }

        /// The most recent `month` that has started: in December `june` is this year's.
        func latestStarted(month: Int) -> DateInterval? {
            self.month(month <= self.month ? year : year - 1, month)
        }

        /// The most recent `month` that has ended: in June `last june` is last year's.
        func latestEnded(month: Int) -> DateInterval? {
            self.month(month < self.month ? year : year - 1, month)
        }

        /// The most recent day `day` of `month` that has started.
        func latestStarted(month: Int, day: Int) -> DateInterval? {
            guard let thisYear = self.day(year, month, day) else { return self.day(year - 1, month, day) }
            return thisYear.start <= now ? thisYear : self.day(year - 1, month, day)
        }

        /// The most recent `season` that has started (`in the summer`, `夏天`).
        func latestStarted(_ season: Season) -> DateInterval? {
            guard let thisYear = self.season(season, year) else { return nil }
            return thisYear.start <= now ? thisYear : self.season(season, year - 1)
        }

        /// The most recent `season` that is over (`last summer`).
        func latestEnded(_ season: Season) -> DateInterval? {
            for year in [year, year - 1, year - 2] {
                if let span = self.season(season, year), span.end <= now { return span }
            }
            return nil
        }

        /// This year's `season`; in January and February, `this winter` is the one under way.
        func current(_ season: Season) -> DateInterval? {
            self.season(season, season == .winter && month <= 2 ? year - 1 : year)
        }
    }
}
