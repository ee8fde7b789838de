import MLibCore
import Testing

@testable import MLibMedia

/// A picture of one colour gets that colour's everyday name: several shades per
/// name, including the ones people argue least about at the borders (dark red is
/// red, dark orange is brown, navy is blue, pale pink is pink, beige is white).
struct ColourNameTests {
    struct Shade: Sendable, CustomTestStringConvertible {
        var name: ColourName
        var rgb: (UInt8, UInt8, UInt8)
        var label: String
        var testDescription: String { "\(label) (\(rgb.0),\(rgb.1),\(rgb.2)) is \(name)" }
    }

    static let shades: [Shade] = [
        Shade(name: .red, rgb: (255, 0, 0), label: "pure red"),
        Shade(name: .red, rgb: (220, 20, 60), label: "crimson"),
        Shade(name: .red, rgb: (178, 34, 34), label: "firebrick"),
        Shade(name: .red, rgb: (139, 0, 0), label: "dark red"),
        Shade(name: .red, rgb: (128, 0, 0), label: "maroon"),
        Shade(name: .red, rgb: (255, 60, 40), label: "scarlet"),
        Shade(name: .orange, rgb: (255, 165, 0), label: "orange"),
        Shade(name: .orange, rgb: (255, 140, 0), label: "dark orange"),
        Shade(name: .orange, rgb: (255, 127, 80), label: "coral"),
        Shade(name: .orange, rgb: (255, 69, 0), label: "orange red"),
        Shade(name: .orange, rgb: (240, 120, 30), label: "pumpkin"),
        Shade(name: .yellow, rgb: (255, 255, 0), label: "yellow"),
        Shade(name: .yellow, rgb: (255, 215, 0), label: "gold"),
        Shade(name: .yellow, rgb: (240, 230, 140), label: "khaki"),
        Shade(name: .yellow, rgb: (255, 255, 150), label: "pale yellow"),
        Shade(name: .yellow, rgb: (230, 200, 20), label: "mustard"),
        Shade(name: .green, rgb: (0, 128, 0), label: "green"),
        Shade(name: .green, rgb: (0, 255, 0), label: "lime"),
        Shade(name: .green, rgb: (0, 100, 0), label: "dark green"),
        Shade(name: .green, rgb: (144, 238, 144), label: "light green"),
        Shade(name: .green, rgb: (107, 142, 35), label: "olive drab"),
        Shade(name: .green, rgb: (46, 139, 87), label: "sea green"),
        Shade(name: .green, rgb: (20, 60, 20), label: "forest shadow"),
        Shade(name: .blue, rgb: (0, 0, 255), label: "blue"),
        Shade(name: .blue, rgb: (0, 0, 128), label: "navy"),
        Shade(name: .blue, rgb: (25, 25, 112), label: "midnight blue"),
        Shade(name: .blue, rgb: (30, 144, 255), label: "dodger blue"),
        Shade(name: .blue, rgb: (135, 206, 235), label: "sky blue"),
        Shade(name: .blue, rgb: (70, 130, 180), label: "steel blue"),
        Shade(name: .blue, rgb: (0, 255, 255), label: "cyan"),
        Shade(name: .blue, rgb: (173, 216, 230), label: "light blue"),
        Shade(name: .purple, rgb: (128, 0, 128), label: "purple"),
        Shade(name: .purple, rgb: (148, 0, 211), label: "dark violet"),
        Shade(name: .purple, rgb: (75, 0, 130), label: "indigo"),
        Shade(name: .purple, rgb: (186, 85, 211), label: "medium orchid"),
        Shade(name: .purple, rgb: (147, 112, 219), label: "medium purple"),
        Shade(name: .purple, rgb: (221, 160, 221), label: "plum"),
        Shade(name: .purple, rgb: (72, 61, 139), label: "dark slate blue"),
        Shade(name: .pink, rgb: (255, 192, 203), label: "pink"),
        Shade(name: .pink, rgb: (255, 105, 180), label: "hot pink"),
        Shade(name: .pink, rgb: (255, 20, 147), label: "deep pink"),
        Shade(name: .pink, rgb: (219, 112, 147), label: "pale violet red"),
        Shade(name: .pink, rgb: (255, 182, 193), label: "light pink"),
        Shade(name: .pink, rgb: (199, 21, 133), label: "medium violet red"),
        Shade(name: .brown, rgb: (139, 69, 19), label: "saddle brown"),
        Shade(name: .brown, rgb: (160, 82, 45), label: "sienna"),
        Shade(name: .brown, rgb: (101, 67, 33), label: "dark brown"),
        Shade(name: .brown, rgb: (150, 100, 60), label: "wood"),
        Shade(name: .brown, rgb: (92, 64, 51), label: "coffee"),
        Shade(name: .brown, rgb: (210, 180, 140), label: "tan"),
        Shade(name: .black, rgb: (0, 0, 0), label: "black"),
        Shade(name: .black, rgb: (20, 20, 20), label: "near black"),
        Shade(name: .black, rgb: (10, 10, 30), label: "blue-black"),
        Shade(name: .black, rgb: (30, 0, 0), label: "red-black"),
        Shade(name: .black, rgb: (35, 35, 35), label: "charcoal"),
        Shade(name: .white, rgb: (255, 255, 255), label: "white"),
        Shade(name: .white, rgb: (245, 245, 245), label: "white smoke"),
        Shade(name: .white, rgb: (250, 240, 230), label: "linen"),
        Shade(name: .white, rgb: (245, 245, 220), label: "beige"),
        Shade(name: .white, rgb: (230, 230, 250), label: "lavender mist"),
        Shade(name: .grey, rgb: (128, 128, 128), label: "grey"),
        Shade(name: .grey, rgb: (192, 192, 192), label: "silver"),
        Shade(name: .grey, rgb: (80, 80, 80), label: "dark grey"),
        Shade(name: .grey, rgb: (60, 60, 60), label: "graphite"),
        Shade(name: .grey, rgb: (211, 211, 211), label: "light grey"),
        Shade(name: .grey, rgb: (112, 128, 144), label: "slate grey"),
        Shade(name: .grey, rgb: (150, 140, 130), label: "warm grey"),
    ]

    @Test(arguments: shades)
    func solidPictureIsNamed(shade: Shade) {
        let picture = RGBImage(width: 40, height: 30, filledWith: (shade.rgb.0, shade.rgb.1, shade.rgb.2))
        let colours = DominantColours(of: picture)
        #expect(colours.shares.map(\.name) == [shade.name])
        #expect(colours.shares.first?.share == 1)
        #expect(colours.evidenceText == "\(shade.name) \(shade.name) \(shade.name)")
    }

    @Test func everyNameHasShadesHere() {
        #expect(Set(Self.shades.map(\.name)) == Set(ColourName.allCases))
    }

    /// The reported colour is the picture's own, not the prototype's.
    @Test func hexIsThePicturesColour() {
        let picture = RGBImage(width: 10, height: 10, filledWith: (139, 69, 19))
        #expect(DominantColours(of: picture).shares.first?.hex == "#8B4513")
    }
}
