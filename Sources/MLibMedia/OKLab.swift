#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A colour in OKLab (Björn Ottosson, 2020), a perceptual space where equal
/// distances look like roughly equal differences and hue stays put as lightness
/// changes, so "nearest named colour" means what a person would pick.
///
/// `lightness` runs from 0 (black) to 1 (white); `a` (green → red) and `b`
/// (blue → yellow) stay within about ±0.33 for colours a screen shows.
struct OKLab: Hashable, Sendable {
    var lightness: Double
    var a: Double
    var b: Double

    init(lightness: Double, a: Double, b: Double) {
        self.lightness = lightness
        self.a = a
        self.b = b
    }

    /// From linear-light sRGB, each channel 0...1.
    init(linearRed red: Double, green: Double, blue: Double) {
        let long = cbrt(0.4122214708 * red + 0.5363325363 * green + 0.0514459929 * blue)
        let medium = cbrt(0.2119034982 * red + 0.6806995451 * green + 0.1073969566 * blue)
        let short = cbrt(0.0883024619 * red + 0.2817188376 * green + 0.6299787005 * blue)
        lightness = 0.2104542553 * long + 0.7936177850 * medium - 0.0040720468 * short
        a = 1.9779984951 * long - 2.4285922050 * medium + 0.4505937099 * short
        b = 0.0259040371 * long + 0.7827717662 * medium - 0.8086757660 * short
    }

    /// From an 8-bit sRGB colour as files store it.
    init(red: UInt8, green: UInt8, blue: UInt8) {
        let table = OKLab.linearFromEncoded
        self.init(linearRed: Double(table[Int(red)]), green: Double(table[Int(green)]), blue: Double(table[Int(blue)]))
    }

    /// How far from grey: 0 for black, white and greys, up to about 0.32.
    var chroma: Double { (a * a + b * b).squareRoot() }

    /// Back to linear-light sRGB, each channel clamped to 0...1.
    var linearRGB: (red: Double, green: Double, blue: Double) {
        func cube(_ value: Double) -> Double { value * value * value }
        let long = cube(lightness + 0.3963377774 * a + 0.2158037573 * b)
        let medium = cube(lightness - 0.1055613458 * a - 0.0638541728 * b)
        let short = cube(lightness - 0.0894841775 * a - 1.2914855480 * b)
        func clamped(_ value: Double) -> Double { min(1, max(0, value)) }
        return (
            clamped(4.0767416621 * long - 3.3077115913 * medium + 0.2309699292 * short),
            clamped(-1.2684380046 * long + 2.6097574011 * medium - 0.3413193965 * short),
            clamped(-0.0041960863 * long - 0.7034186147 * medium + 1.7076147010 * short)
        )
    }

    /// Squared distance with lightness counted at half weight: pictures vary in
    /// exposure far more than in hue, and a shade of a colour keeps its name.
    func distanceSquared(to other: OKLab) -> Double {
        let lightness = (self.lightness - other.lightness) * 0.5
        let a = self.a - other.a
        let b = self.b - other.b
        return lightness * lightness + a * a + b * b
    }

    /// The sRGB transfer curve undone for each 8-bit value: averaging light, not
    /// code values, keeps a patch's mean the colour the eye sees.
    static let linearFromEncoded: [Float] = (0..<256).map { code in
        let value = Double(code) / 255
        return Float(value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4))
    }

    /// Linear light 0...1 → the nearest 8-bit sRGB code value.
    static func encoded(_ linear: Double) -> UInt8 {
        let value = linear <= 0.0031308 ? linear * 12.92 : 1.055 * pow(linear, 1 / 2.4) - 0.055
        return UInt8(min(255, max(0, (value * 255).rounded())))
    }
}
