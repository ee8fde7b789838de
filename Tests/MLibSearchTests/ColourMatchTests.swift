import MLibCore
@testable import MLibSearch
import Testing

/// A query naming a colour is matched against how much of a picture is that colour.
@Suite struct ColourMatchTests {
    static func match(_ query: String) -> ColourMatch { ColourMatch(QueryAnalyzer.analyze(query)) }

    @Test func theShareOfThePictureInTheAskedColour() {
        let green: [EvidenceField: String] = [.colour: "green green green"]
        let mostlyRed: [EvidenceField: String] = [.colour: "red red red green"]
        #expect(Self.match("green").share(in: green) == 1)
        #expect(Self.match("green").share(in: mostlyRed) == 0.25)
        #expect(Self.match("something green").share(in: green) > Self.match("something green").share(in: mostlyRed))
    }

    @Test func grayIsGreyAndSeveralColoursCountTogether() {
        let fields: [EvidenceField: String] = [.colour: "grey grey blue white"]
        #expect(Self.match("gray").share(in: fields) == 0.5)
        #expect(Self.match("blue and white").share(in: fields) == 0.5)
    }

    @Test func nothingWhenNoColourIsAskedOrTheItemHasNone() {
        #expect(Self.match("harbour at dawn").share(in: [.colour: "blue blue"]) == 0)
        #expect(Self.match("red").share(in: [.body: "a red dress"]) == 0, "a note's words are coverage, not colour")
        #expect(Self.match("red").share(in: [.colour: ""]) == 0)
    }

    @Test func framesOfAVideoCountTogether() {
        let video: [EvidenceField: String] = [.colour: "red red blue\nblue blue blue"]
        #expect(Self.match("blue").share(in: video) == 4.0 / 6.0)
    }
}
