import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

struct PictureUniformityTests {
    @Test func blackIsNearBlackAndUniform() {
        let black = PictureUniformity(of: RGBImage(width: 320, height: 180, filledWith: (0, 0, 0)))
        #expect(black.isNearBlack)
        #expect(black.isNearUniform)
        #expect(black.meanLuma == 0 && black.spread == 0 && black.outlierShare == 0)
    }

    /// A fade to black or a lens cap at high ISO: dim noise, still nothing to see.
    @Test func darkNoiseIsNearBlack() {
        let noise = PictureUniformity(of: SyntheticPicture.noisy((8, 8, 10), sigma: 8, width: 640, height: 360))
        #expect(noise.isNearBlack)
        #expect(noise.isNearUniform)
        #expect(noise.meanLuma < 0.05)
    }

    @Test func flatGreyAndFlatColourAreUniformNotBlack() {
        for colour in [(128, 128, 128), (200, 30, 30), (250, 250, 250)] as [(UInt8, UInt8, UInt8)] {
            let card = PictureUniformity(of: SyntheticPicture.noisy(colour, sigma: 6, width: 320, height: 180))
            #expect(card.isNearUniform, "\(colour): \(card)")
            #expect(!card.isNearBlack)
        }
    }

    @Test func dimButVisibleGreyIsNotNearBlack() {
        let dim = PictureUniformity(of: RGBImage(width: 100, height: 100, filledWith: (60, 60, 60)))
        #expect(!dim.isNearBlack)
        #expect(dim.isNearUniform)
    }

    /// A soft gradient, like a sky, is a picture, not a blank frame.
    @Test func gradientIsNotUniform() {
        let sky = SyntheticPicture.make(width: 400, height: 300) { _, y in
            (UInt8(60 + y / 5), UInt8(110 + y / 4), UInt8(200 + y / 8))
        }
        let measured = PictureUniformity(of: sky)
        #expect(!measured.isNearUniform, "\(measured)")
        #expect(!measured.isNearBlack)
    }

    /// Red beside green of the same brightness: luma is flat, colour is not.
    @Test func colourEdgeOfEqualLumaIsNotUniform() {
        let split = SyntheticPicture.make(width: 200, height: 100) { x, _ in x < 100 ? (255, 0, 0) : (0, 76, 0) }
        let measured = PictureUniformity(of: split)
        #expect(measured.lumaSpread < 0.01)
        #expect(!measured.isNearUniform)
    }

    @Test(arguments: ["texture.jpg", "full.jpg", "title-card.png", "caption.png"])
    func realPicturesAreNeitherBlankNorBlack(name: String) throws {
        let measured = PictureUniformity(of: try ReferencePicture.load(Fixtures.path("images/" + name)))
        #expect(!measured.isNearUniform, "\(name): \(measured)")
        #expect(!measured.isNearBlack, "\(name): \(measured)")
    }
}
