import Foundation
import MLibCore
import MLibSearch
import Testing

/// Queries and the hints a user means by them, at a fixed moment:
/// Tuesday 2026-12-01 12:00 UTC, weeks starting on Monday.
@Suite struct QueryHintsTests {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }()
    static let now = day(2026, 12, 1, hour: 12)

    static func day(_ year: Int, _ month: Int, _ day: Int, hour: Int = 0) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour))!
    }

    static func extract(_ query: String) -> QueryHints {
        HintExtractor.extract(query, now: now, calendar: calendar)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var query: String
        var kind: ItemKind?
        var dates: [Int]?  // [year, month, day, year, month, day], end excluded
        var cameras: [String]
        var phrases: [String]
        var semantic: String
        var testDescription: String { query }

        init(
            _ query: String, _ kind: ItemKind? = nil, dates: [Int]? = nil, cameras: [String] = [],
            phrases: [String] = [], _ semantic: String
        ) {
            (self.query, self.kind, self.dates, self.cameras, self.phrases, self.semantic) =
                (query, kind, dates, cameras, phrases, semantic)
        }
    }

    static let english: [Case] = [
        Case("video of the harbour last summer", .video, dates: [2026, 6, 1, 2026, 9, 1], "the harbour"),
        Case("photos from 2019 \"red dress\"", .image, dates: [2019, 1, 1, 2020, 1, 1], phrases: ["red dress"], "red dress"),
        Case("notes about taxes in June", .text, dates: [2026, 6, 1, 2026, 7, 1], "taxes"),
        Case("canon photos of the cathedral", .image, cameras: ["canon"], "the cathedral"),
        Case("2019 tax return", nil, dates: [2019, 1, 1, 2020, 1, 1], "tax return"),
        Case("last fall hiking", nil, dates: [2026, 9, 1, 2026, 12, 1], "hiking"),
        Case("in may", nil, dates: [2026, 5, 1, 2026, 6, 1], "in may"),
        Case("march 2020 lockdown", nil, dates: [2020, 3, 1, 2020, 4, 1], "lockdown"),
        Case("sunset in 2019 with nikon d850", nil, dates: [2019, 1, 1, 2020, 1, 1], cameras: ["nikon d850"], "sunset"),
        Case("beach shot on my iphone 12 pro", cameras: ["iphone 12 pro"], "beach"),
        Case("sunset shot on pixel 7", cameras: ["pixel 7"], "sunset"),
        Case("galaxy photos", .image, "galaxy"),
        Case("2018-2020 road trip", nil, dates: [2018, 1, 1, 2021, 1, 1], "road trip"),
        Case("concerts between 2018 and 2020", nil, dates: [2018, 1, 1, 2021, 1, 1], "concerts"),
        Case("concerts from 2018 to 2020", nil, dates: [2018, 1, 1, 2021, 1, 1], "concerts"),
        Case("wedding 2019-06", nil, dates: [2019, 6, 1, 2019, 7, 1], "wedding"),
        Case("receipt 2019-06-14", nil, dates: [2019, 6, 14, 2019, 6, 15], "receipt"),
        Case("june 14, 2019 graduation", nil, dates: [2019, 6, 14, 2019, 6, 15], "graduation"),
        Case("summer 2019 beach", nil, dates: [2019, 6, 1, 2019, 9, 1], "beach"),
        Case("this winter snow", nil, dates: [2026, 12, 1, 2027, 3, 1], "snow"),
        Case("last winter snow", nil, dates: [2025, 12, 1, 2026, 3, 1], "snow"),
        Case("yesterday's lunch", nil, dates: [2026, 11, 30, 2026, 12, 1], "lunch"),
        Case("last week meeting notes", .text, dates: [2026, 11, 23, 2026, 11, 30], "meeting"),
        Case("this month invoices", nil, dates: [2026, 12, 1, 2027, 1, 1], "invoices"),
        Case("party 3 days ago", nil, dates: [2026, 11, 28, 2026, 11, 29], "party"),
        Case("two weeks ago party", nil, dates: [2026, 11, 16, 2026, 11, 23], "party"),
        Case("last year trip", nil, dates: [2025, 1, 1, 2026, 1, 1], "trip"),
        Case("december party", nil, dates: [2026, 12, 1, 2027, 1, 1], "party"),
        Case("july fireworks", nil, dates: [2026, 7, 1, 2026, 8, 1], "fireworks"),
        Case("camping in the summer", nil, dates: [2026, 6, 1, 2026, 9, 1], "camping"),
        Case("photos and videos of the lake", nil, "the lake"),
        Case("vidéo de la plage", .video, "la plage"),
        Case("Fotos vom Strand 2019", .image, dates: [2019, 1, 1, 2020, 1, 1], "Strand"),
        Case("notes on linear algebra", .text, "linear algebra"),
        Case("videos", .video, "videos"),
        Case("the video where he sings", .video, "where he sings"),
        Case("90s music", nil, dates: [1990, 1, 1, 2000, 1, 1], "music"),
        Case("fuji x-t4 street", nil, cameras: ["fuji x-t4"], "street"),
        Case("canon eos r5 birds", nil, cameras: ["canon", "eos r5"], "birds"),
        Case("\u{201C}summer 2019\u{201D} trip", phrases: ["summer 2019"], "summer 2019 trip"),
        Case("\"unbalanced photos", .image, "unbalanced"),
    ]

    /// Ordinary words that look like hints and are not.
    static let ordinary: [Case] = [
        Case("may I have", nil, "may I have"),
        Case("fall colours", nil, "fall colours"),
        Case("pixel art", nil, "pixel art"),
        Case("notebook", nil, "notebook"),
        Case("videography tips", nil, "videography tips"),
        Case("march on washington", nil, "march on washington"),
        Case("video games", nil, "video games"),
        Case("photo editing tips", nil, "photo editing tips"),
        Case("mount fuji at dawn", nil, "mount fuji at dawn"),
        Case("photos of my canon", .image, "my canon"),
        Case("$2000 budget", nil, "$2000 budget"),
        Case("img_2019 scan", nil, "img_2019 scan"),
    ]

    static let chinese: [Case] = [
        Case("去年夏天的海滩视频", .video, dates: [2025, 6, 1, 2025, 9, 1], "海滩"),
        Case("2019年6月的婚礼照片", .image, dates: [2019, 6, 1, 2019, 7, 1], "婚礼"),
        Case("上个月的会议笔记", .text, dates: [2026, 11, 1, 2026, 12, 1], "会议"),
        Case("六月 海边", nil, dates: [2026, 6, 1, 2026, 7, 1], "海边"),
        Case("昨天的猫", nil, dates: [2026, 11, 30, 2026, 12, 1], "猫"),
        Case("三年前的旅行", nil, dates: [2023, 1, 1, 2024, 1, 1], "旅行"),
        Case("今年冬天 雪", nil, dates: [2026, 12, 1, 2027, 3, 1], "雪"),
        Case("2019年 旅行", nil, dates: [2019, 1, 1, 2020, 1, 1], "旅行"),
        Case("十二月的圣诞树", nil, dates: [2026, 12, 1, 2027, 1, 1], "圣诞树"),
        Case("一月份的账单", nil, dates: [2026, 1, 1, 2026, 2, 1], "账单"),
        Case("富士山的日出", nil, "富士山的日出"),
        Case("「红色连衣裙」 照片", .image, phrases: ["红色连衣裙"], "红色连衣裙"),
    ]

    @Test(arguments: english + ordinary + chinese)
    func extractsTheHintsAUserMeans(_ expected: Case) {
        let hints = Self.extract(expected.query)
        #expect(hints.kind == expected.kind)
        let dates = expected.dates.map { d in [Self.day(d[0], d[1], d[2]), Self.day(d[3], d[4], d[5])] }
        #expect(hints.dates.map { [$0.start, $0.end] } == dates)
        #expect(hints.cameras == expected.cameras)
        #expect(hints.phrases == expected.phrases)
        #expect(hints.semanticText == expected.semantic)
    }

    @Test func countedSpansRunUntilNow() {
        let recent = Self.extract("recent screenshots")
        #expect(recent.kind == .image)
        #expect(recent.dates?.start == Self.day(2026, 11, 1, hour: 12))
        #expect(recent.dates?.end == Self.now)
        let since = Self.extract("since 2024 receipts")
        #expect(since.dates?.start == Self.day(2024, 1, 1))
        #expect(since.dates?.end == Self.now)
        #expect(since.semanticText == "receipts")
        let lastWeek = Self.extract("in the last week")
        #expect(lastWeek.dates?.start == Self.day(2026, 11, 24, hour: 12))
        #expect(lastWeek.dates?.end == Self.now)
    }

    @Test func explainsEachHintOnOneLine() {
        #expect(
            Self.extract("video of the harbour last summer").descriptions == [
                "kind: video (\"video of\")", "date: 2026-06-01 – 2026-08-31 (\"last summer\")",
            ])
        #expect(
            Self.extract("canon photos \"red dress\" 2019-06-14").descriptions == [
                "kind: image (\"photos\")", "date: 2019-06-14 (\"2019-06-14\")", "camera: canon", "phrase: \"red dress\"",
            ])
        #expect(Self.extract("pixel art").isEmpty)
        #expect(Self.extract("pixel art").descriptions.isEmpty)
    }

    @Test func monthsAloneAreTheLatestThatHasStarted() {
        // In early December, June is this year's; a month later, January is the new year's.
        let january = HintExtractor.extract("january", now: Self.day(2027, 1, 5), calendar: Self.calendar)
        #expect(january.dates?.start == Self.day(2027, 1, 1))
        #expect(Self.extract("january").dates?.start == Self.day(2026, 1, 1))
        let lastSummerInJuly = HintExtractor.extract("last summer", now: Self.day(2026, 7, 15), calendar: Self.calendar)
        #expect(lastSummerInJuly.dates?.start == Self.day(2025, 6, 1))
    }
}
