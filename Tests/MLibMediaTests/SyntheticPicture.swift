import MLibCore
import MLibTestSupport

/// Pictures drawn in code for the colour and uniformity tests: every pixel is known,
/// so a test can say exactly what share each colour should get.
enum SyntheticPicture {
    typealias RGB = (red: UInt8, green: UInt8, blue: UInt8)

    /// A picture whose pixel at (x, y) is `colour(x, y)`.
    static func make(width: Int, height: Int, _ colour: (Int, Int) -> RGB) -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var offset = 0
        for y in 0..<height {
            for x in 0..<width {
                let pixel = colour(x, y)
                pixels[offset] = pixel.red
                pixels[offset + 1] = pixel.green
                pixels[offset + 2] = pixel.blue
                offset += 3
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// `base` with every channel of every pixel moved by roughly Gaussian noise
    /// of the given standard deviation, as a high-ISO photo of a flat surface looks.
    static func noisy(_ base: RGB, sigma: Double, width: Int = 400, height: Int = 300, seed: UInt64 = 7) -> RGBImage {
        var random = SeededGenerator(seed: seed)
        func jitter(_ value: UInt8) -> UInt8 {
            // Three uniform draws of ±σ (16 bits each of one number) sum to a bell
            // with standard deviation σ.
            let bits = random.next()
            var offset = 0.0
            for shift in [0, 16, 32] {
                offset += (Double((bits >> UInt64(shift)) & 0xFFFF) / 32767.5 - 1) * sigma
            }
            return UInt8(max(0, min(255, (Double(value) + offset).rounded())))
        }
        return make(width: width, height: height) { _, _ in
            (jitter(base.red), jitter(base.green), jitter(base.blue))
        }
    }
}
