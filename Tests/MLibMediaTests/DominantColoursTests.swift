import Foundation
import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

struct DominantColoursTests {
    typealias RGB = SyntheticPicture.RGB

    static func shares(_ colours: DominantColours) -> [ColourName: Double] {
        Dictionary(uniqueKeysWithValues: colours.shares.map { ($0.name, $0.share) })
    }

    @Test func twoColourSplitGivesEachItsShare() {
        let split = SyntheticPicture.make(width: 100, height: 80) { x, _ in x < 70 ? (200, 30, 30) : (0, 0, 200) }
        let colours = DominantColours(of: split)
        #expect(colours.shares.map(\.name) == [.red, .blue])
        #expect(abs((Self.shares(colours)[.red] ?? 0) - 0.7) < 0.02)
        #expect(abs((Self.shares(colours)[.blue] ?? 0) - 0.3) < 0.02)
        #expect(colours.evidenceText == "red red red blue")
    }

    @Test func threeColoursInOrderOfArea() {
        let bands = SyntheticPicture.make(width: 200, height: 100) { _, y in
            y < 50 ? (0, 128, 0) : y < 80 ? (250, 250, 250) : (255, 215, 0)
        }
        let colours = DominantColours(of: bands)
        #expect(colours.shares.map(\.name) == [.green, .white, .yellow])
        let shares = Self.shares(colours)
        #expect(abs((shares[.green] ?? 0) - 0.5) < 0.02)
        #expect(abs((shares[.white] ?? 0) - 0.3) < 0.02)
        #expect(abs((shares[.yellow] ?? 0) - 0.2) < 0.02)
        #expect(colours.evidenceText == "green green white yellow")
    }

    @Test func quarterSplitIsFourWays() {
        let quarters = SyntheticPicture.make(width: 120, height: 120) { x, y in
            switch (x < 60, y < 60) {
            case (true, true): (255, 140, 0)
            case (false, true): (139, 69, 19)
            case (true, false): (255, 105, 180)
            case (false, false): (128, 0, 128)
            }
        }
        let shares = Self.shares(DominantColours(of: quarters))
        #expect(Set(shares.keys) == [.orange, .brown, .pink, .purple])
        for share in shares.values {
            #expect(abs(share - 0.25) < 0.02)
        }
    }

    @Test func shadesOfOneNameMerge() {
        let blues = SyntheticPicture.make(width: 100, height: 100) { x, _ in x < 50 ? (0, 0, 128) : (135, 206, 235) }
        let colours = DominantColours(of: blues)
        #expect(colours.shares.map(\.name) == [.blue])
        #expect(colours.shares.first?.share == 1)
        #expect(colours.evidenceText == "blue blue blue")
    }

    @Test func colourUnderFivePercentIsLeftOut() {
        let dot = SyntheticPicture.make(width: 100, height: 100) { x, y in
            (40..<60).contains(x) && (40..<60).contains(y) ? (230, 0, 0) : (128, 128, 128)
        }
        let withDot = DominantColours(of: dot)
        #expect(withDot.shares.map(\.name) == [.grey])
        #expect(abs((withDot.shares.first?.share ?? 0) - 0.96) < 0.02)

        let patch = SyntheticPicture.make(width: 100, height: 100) { x, y in
            (30..<60).contains(x) && (30..<60).contains(y) ? (230, 0, 0) : (128, 128, 128)
        }
        #expect(DominantColours(of: patch).shares.map(\.name) == [.grey, .red])
    }

    @Test(
        "noise around a colour keeps its name",
        arguments: [
            ((200, 30, 30) as RGB, ColourName.red), ((128, 128, 128), .grey), ((0, 0, 128), .blue),
            ((139, 69, 19), .brown), ((255, 140, 0), .orange), ((20, 20, 20), .black), ((240, 240, 240), .white),
            ((34, 139, 34), .green),
        ] as [(RGB, ColourName)])
    func noiseAroundAColour(base: RGB, name: ColourName) {
        let colours = DominantColours(of: SyntheticPicture.noisy(base, sigma: 20, width: 320, height: 240))
        #expect(colours.shares.first?.name == name)
        #expect((colours.shares.first?.share ?? 0) > 0.95, "\(colours.shares)")
    }

    @Test func greyRampIsBlackGreyAndWhiteOnly() {
        for horizontal in [true, false] {
            let ramp = SyntheticPicture.make(width: 256, height: 256) { x, y in
                let level = UInt8(horizontal ? x : y)
                return (level, level, level)
            }
            let colours = DominantColours(of: ramp)
            #expect(colours.shares.first?.name == .grey)
            #expect(Set(colours.shares.map(\.name)) == [.black, .grey, .white])
            #expect(abs(colours.shares.map(\.share).reduce(0, +) - 1) < 1e-9)
        }
    }

    @Test func jsonListsNamesSharesAndColours() throws {
        let split = SyntheticPicture.make(width: 100, height: 100) { x, _ in x < 75 ? (255, 255, 0) : (0, 0, 0) }
        let json = DominantColours(of: split).json
        #expect(
            json == [
                ["name": "yellow", "share": 0.75, "hex": "#FFFF00"],
                ["name": "black", "share": 0.25, "hex": "#000000"],
            ])
        let encoded = try String(decoding: JSONEncoder().encode(json), as: UTF8.self)
        #expect(encoded.contains("\"share\":0.75"))
    }

    /// Real pictures, decoded by FFmpeg's own tool.
    @Test func textureAndTitleCard() throws {
        let texture = DominantColours(of: try ReferencePicture.load(Fixtures.path("images/texture.jpg")))
        #expect(Set(texture.shares.prefix(2).map(\.name)).isSubset(of: [.green, .blue]), "\(texture.shares)")
        let card = DominantColours(of: try ReferencePicture.load(Fixtures.path("images/title-card.png")))
        #expect(card.shares.map(\.name) == [.black])
    }

    /// The sampling keeps the cost flat: a 12-megapixel picture reads about as
    /// many pixels as a 300 × 200 one.
    @Test func largePictureIsSampled() {
        let grid = SampleGrid(width: 4000, height: 3000)
        #expect((3500...4700).contains(grid.count))
        #expect(grid.patch == 4)
        let small = SampleGrid(width: 40, height: 30)
        #expect(small.count == 1200 && small.patch == 1)
        let wide = SyntheticPicture.make(width: 4000, height: 30) { x, _ in x < 2000 ? (0, 0, 255) : (255, 255, 0) }
        let halves = DominantColours(of: wide).shares
        #expect(Set(halves.map(\.name)) == [.blue, .yellow])
        #expect(halves.allSatisfy { abs($0.share - 0.5) < 0.01 })
    }
}
