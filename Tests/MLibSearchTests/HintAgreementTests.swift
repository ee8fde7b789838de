import Foundation
import MLibCore
import MLibSearch
import Testing

@Suite struct HintAgreementTests {
    static func agreement(
        _ query: String, kind: ItemKind = .image, metadata: [String: JSONValue] = [:], text: String = "",
        fileModified: Date? = nil
    ) -> HintAgreement {
        let hints = HintExtractor.extract(query, now: QueryHintsTests.now, calendar: QueryHintsTests.calendar)
        return HintAgreement.of(hints: hints, kind: kind, metadata: metadata, text: text, fileModified: fileModified)
    }

    @Test func kindAgreesOrDisagreesOnlyWhenAsked() {
        #expect(Self.agreement("videos of the harbour", kind: .video).kind == 1)
        #expect(Self.agreement("videos of the harbour", kind: .image).kind == -1)
        #expect(Self.agreement("the harbour", kind: .image).kind == nil)
    }

    @Test func datesInsideScoreOneAndFallOffOutside() throws {
        let inside = Self.agreement("summer 2019", metadata: ["date_taken": "2019:07:14 10:00:00"])
        #expect(inside.date == 1)
        let weeksAfter = try #require(Self.agreement("summer 2019", metadata: ["date_taken": "2019-10-15T10:00:00+02:00"]).date)
        let monthsAfter = try #require(Self.agreement("summer 2019", metadata: ["date_taken": "2020-02-01T10:00:00"]).date)
        #expect(weeksAfter < 1 && weeksAfter > 0)
        #expect(monthsAfter < weeksAfter)
        #expect(Self.agreement("summer 2019", metadata: ["date_taken": "2012-01-01T00:00:00"]).date == -1)
        #expect(Self.agreement("the harbour", metadata: ["date_taken": "2019:07:14 10:00:00"]).date == nil)
        #expect(Self.agreement("summer 2019").date == nil)  // the item has no date
    }

    @Test func theItemDateComesFromTheMostTrustedField() throws {
        let modified = QueryHintsTests.day(2024, 1, 1)
        // A video's creation time, ISO 8601 with microseconds.
        let video = Self.agreement("july 2024", kind: .video, metadata: ["creation_time": "2024-07-16T18:15:00.000000Z"])
        #expect(video.date == 1)
        // Front matter, with the file's own time as a fallback.
        #expect(Self.agreement("june 2019 notes", metadata: ["date": "2019-06-14"], fileModified: modified).date == 1)
        #expect(Self.agreement("january 2024", metadata: [:], fileModified: modified).date == 1)
        // A camera whose clock was never set says nothing; the file's time is used instead.
        #expect(Self.agreement("january 2024", metadata: ["date_taken": "0000:00:00 00:00:00"], fileModified: modified).date == 1)

        let calendar = QueryHintsTests.calendar
        let exif = ItemDate.of(metadata: ["date_taken": "2019:07:14 10:00:00.5+02:00"], fileModified: nil, calendar: calendar)
        #expect(exif == QueryHintsTests.day(2019, 7, 14, hour: 8).addingTimeInterval(0.5))
        let local = ItemDate.of(metadata: ["date_taken": "2019:07:14 10:00:00"], fileModified: nil, calendar: calendar)
        #expect(local == QueryHintsTests.day(2019, 7, 14, hour: 10))
        #expect(ItemDate.of(metadata: ["created": "not a date"], fileModified: nil, calendar: calendar) == nil)
    }

    @Test func camerasMatchMakeOrModelUnderTheirOtherNames() {
        #expect(Self.agreement("fuji photos", metadata: ["camera_make": "FUJIFILM", "camera_model": "X-T4"]).camera == 1)
        #expect(Self.agreement("fuji x-t4 street", metadata: ["camera_make": "FUJIFILM", "camera_model": "X-T4"]).camera == 1)
        #expect(Self.agreement("shot on iphone", metadata: ["camera_make": "Apple", "camera_model": "iPhone 12"]).camera == 1)
        #expect(Self.agreement("shot on iphone 12", metadata: ["camera_model": "Apple iPhone 12 Pro"]).camera == 1)
        #expect(Self.agreement("shot on iphone 12", metadata: ["camera_model": "iPhone 13"]).camera == -1)
        #expect(Self.agreement("canon photos", metadata: ["camera_make": "NIKON CORPORATION"]).camera == -1)
        #expect(Self.agreement("canon photos", metadata: [:]).camera == nil)
        #expect(Self.agreement("photos", metadata: ["camera_make": "Canon"]).camera == nil)
    }

    @Test func phrasesCountTheShareFoundIgnoringCaseAccentsAndSpacing() {
        let text = "She wore a Red   Dress to the Café."
        #expect(Self.agreement("\"red dress\"", text: text).phrase == 1)
        #expect(Self.agreement("\"red dress\" \"cafe\"", text: text).phrase == 1)
        #expect(Self.agreement("\"red dress\" \"blue hat\"", text: text).phrase == 0.5)
        #expect(Self.agreement("\"blue hat\"", text: text).phrase == 0)
        #expect(Self.agreement("red dress", text: text).phrase == nil)
    }
}
