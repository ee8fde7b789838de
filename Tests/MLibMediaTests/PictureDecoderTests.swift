import Foundation
import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

struct PictureDecoderTests {
    static func decode(_ name: String, _ request: PictureRequest = PictureRequest()) throws(MediaError)
        -> DecodedPicture
    {
        try PictureDecoder().decode(RawPath(PictureReference.path(name)), request: request)
    }

    static func failure(_ name: String) -> MediaError? {
        do {
            _ = try decode(name)
            return nil
        } catch {
            return error
        }
    }

    static let formats = [
        "photo.jpg", "progressive.jpg", "cmyk.jpg", "photo.webp", "alpha.webp", "photo.tiff", "photo.bmp",
        "palette.png", "grey.png", "grey-alpha.png", "alpha.png", "deep.png", "animation.gif", "photo.avif",
    ]

    @Test(arguments: formats)
    func pixelsMatchFFmpeg(name: String) throws {
        let picture = try Self.decode(name)
        let reference = try PictureReference.asDecoded(PictureReference.path(name))
        #expect(picture.image.width == reference.width && picture.image.height == reference.height)
        #expect(picture.sourceWidth == reference.width && picture.sourceHeight == reference.height)
        #expect(picture.orientation == .up)
        #expect(picture.reduction == 1)
        let difference = PictureReference.difference(picture.image, reference)
        #expect(difference.largest <= 1, "\(name): \(difference)")
    }

    @Test(arguments: ["photo.jpg", "cmyk.jpg", "photo.webp", "alpha.png", "animation.gif"])
    func closeToFFmpegDefaultDecoding(name: String) throws {
        // ReferencePicture uses FFmpeg's default (faster, rougher) conversion: the same picture, a little apart.
        let picture = try Self.decode(name)
        let reference = try ReferencePicture.load(PictureReference.path(name))
        let difference = PictureReference.difference(picture.image, reference)
        #expect(difference.mean < 3, "\(name): \(difference)")
    }

    @Test(arguments: ["photo.jpg", "progressive.jpg"])
    func jpegLandsCloseToLibjpeg(name: String) throws {
        // PIL decodes JPEGs with libjpeg, as ImageMagick does: CLIP's reference preprocessing sees those pixels.
        let path = PictureReference.path(name)
        let decoded = try ExternalTool.run("convert", [path, "-depth", "8", "rgb:-"])
        try #require(decoded.status == 0, "convert \(name): \(decoded.stderrString)")
        let picture = try Self.decode(name).image
        let libjpeg = RGBImage(width: picture.width, height: picture.height, pixels: [UInt8](decoded.stdout))
        let difference = PictureReference.difference(picture, libjpeg)
        #expect(difference.mean < 1.5, "\(name): \(difference)")
    }

    @Test func alphaIsDroppedAndColoursKept() throws {
        // Like PIL's convert("RGB"): even fully transparent pixels keep their stored colour.
        let image = try Self.decode("alpha.png").image
        for (x, y) in [(0, 0), (13, 5), (39, 23), (20, 23)] {
            let pixel = image[x, y]
            #expect(pixel.red == 200 && Int(pixel.green) == x * 6 % 256 && Int(pixel.blue) == 40 + y, "pixel \(x),\(y)")
        }
    }

    @Test func greyBecomesEqualChannels() throws {
        let image = try Self.decode("grey.png").image
        for (x, y) in [(0, 0), (7, 3), (39, 23)] {
            let pixel = image[x, y]
            let value = (x * 6 + y * 3) % 256
            #expect(Int(pixel.red) == value && pixel.green == pixel.red && pixel.blue == pixel.red)
        }
    }

    @Test func sixteenBitBecomesEightBit() throws {
        // swscale dithers when it drops bits, so a value may land a level from the nearest.
        let image = try Self.decode("deep.png").image
        for (x, y) in [(0, 0), (11, 7), (39, 23)] {
            let pixel = image[x, y]
            let stored = [x * 1600 + y * 7, 65535 - x * 1500, y * 2700 + x].map { Double($0) / 257 }
            for (channel, value) in zip([pixel.red, pixel.green, pixel.blue], stored) {
                #expect(abs(Double(channel) - value) <= 1.5, "pixel \(x),\(y): \(channel) for \(value)")
            }
        }
    }

    @Test func gifGivesItsFirstFrame() throws {
        let image = try Self.decode("animation.gif").image
        let first = try PictureReference.asDecoded(PictureReference.path("animation.gif"))
        let second = try PictureReference.ffmpeg(PictureReference.path("animation.gif"), filter: "select=eq(n\\,1)")
        #expect(PictureReference.difference(image, first).mean < 0.5)
        #expect(PictureReference.difference(image, second).mean > 40)
    }

    @Test(arguments: ImageOrientation.allCases)
    func everyOrientationEndsUpright(orientation: ImageOrientation) throws {
        let picture = try Self.decode("orientation-\(orientation.rawValue).jpg")
        let upright = try ReferencePicture.load(PictureReference.path("upright.png"))
        #expect(picture.orientation == orientation)
        #expect(picture.image.width == 64 && picture.image.height == 32)
        let stored = orientation.swapsSides ? (32, 64) : (64, 32)
        #expect(picture.sourceWidth == stored.0 && picture.sourceHeight == stored.1)
        let difference = PictureReference.difference(picture.image, upright)
        #expect(difference.mean < 2 && difference.largest < 40, "\(orientation): \(difference)")
    }

    @Test func hugeJPEGIsDecodedReducedInBoundedMemory() throws {
        let before = PictureReference.peakResidentBytes()
        let start = ContinuousClock.now
        let picture = try Self.decode("huge.jpg")
        let elapsed = ContinuousClock.now - start
        let growth = PictureReference.peakResidentBytes() - before
        #expect(picture.sourceWidth == 12000 && picture.sourceHeight == 9000)
        #expect(picture.reduction == 2)
        #expect(picture.image.width * picture.image.height <= PictureRequest.defaultMaximumPixels)
        #expect(picture.image.width * picture.image.height > PictureRequest.defaultMaximumPixels * 9 / 10)
        #expect(abs(Double(picture.image.width) / Double(picture.image.height) - 4.0 / 3.0) < 0.01)
        // A whole decode would need 162 MB of YUV and 324 MB of RGB.
        #expect(growth < 200 << 20, "peak memory grew by \(growth >> 20) MB")
        #expect(elapsed < .seconds(10))
    }

    @Test func aMinimumShortSideLetsJPEGDecodeSmaller() throws {
        let small = try Self.decode("huge.jpg", PictureRequest(minimumShortSide: 224))
        #expect(small.reduction == 8)
        #expect(small.image.width == 1500 && small.image.height == 1125)
        let reference = try PictureReference.asDecoded(
            PictureReference.path("huge.jpg"), inputOptions: ["-lowres", "3"], size: (1500, 1125))
        #expect(PictureReference.difference(small.image, reference).largest <= 1)

        #expect(try Self.decode("photo.jpg", PictureRequest(minimumShortSide: 32)).image.height == 32)
        #expect(try Self.decode("photo.jpg", PictureRequest(minimumShortSide: 33)).image.height == 64)
        // Formats that cannot decode reduced come whole; the request does not scale them.
        #expect(try Self.decode("grey.png", PictureRequest(minimumShortSide: 8)).image.width == 40)
    }

    @Test func maximumPixelsShrinksKeepingProportions() throws {
        let picture = try Self.decode("photo.webp", PictureRequest(maximumPixels: 1500))
        #expect(picture.image.width * picture.image.height <= 1500)
        #expect(picture.image.width == 47 && picture.image.height == 31)
        #expect(picture.sourceWidth == 96 && picture.sourceHeight == 64)
    }

    @Test(arguments: [
        ("truncated.jpg", MediaError.Code.truncated), ("corrupt.png", .corrupt), ("empty.jpg", .empty),
        ("note.jpg", .unsupported), ("photo.heic", .unsupported), ("missing.jpg", .vanished),
    ])
    func brokenFilesFailFast(name: String, code: MediaError.Code) {
        let start = ContinuousClock.now
        let error = Self.failure(name)
        #expect(error?.code == code, "\(name): \(String(describing: error))")
        #expect(error?.description.contains(name) == true)
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func heicSaysWhatToDo() {
        let error = Self.failure("photo.heic")
        #expect(error?.detail.contains("HEIC") == true)
        #expect(error?.detail.contains("convert") == true)
    }
}
