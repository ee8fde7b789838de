import Foundation
import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

struct ThumbnailEncoderTests {
    /// What ffprobe says of a JPEG file: codec, size, pixel format, colour range.
    static func probe(_ path: String) throws -> [String] {
        let output = try ExternalTool.run(
            "ffprobe",
            [
                "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height,pix_fmt,color_range",
                "-of", "csv=p=0", path,
            ])
        try #require(output.status == 0, "ffprobe \(path): \(output.stderrString)")
        return output.stdoutString.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").map(
            String.init)
    }

    @Test func aPhotoBecomesAJPEGOfTheRightSize() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let picture = try PictureDecoder().decode(
            RawPath(PictureReference.path("huge.jpg")), request: PictureRequest(minimumShortSide: 320))
        let path = folder.path("huge.jpg")
        try ThumbnailEncoder().write(picture.image, to: RawPath(path))
        #expect(try Self.probe(path) == ["mjpeg", "320", "240", "yuvj420p", "pc"])

        let thumbnail = try PictureDecoder().decode(RawPath(path)).image
        let reference = try PictureReference.ffmpeg(
            PictureReference.path("huge.jpg"), inputOptions: ["-lowres", "2"], filter: "scale=320:240:flags=lanczos",
            size: (320, 240))
        #expect(PictureReference.difference(thumbnail, reference).mean < 3)
    }

    @Test func fullRangeKeepsBlackAndWhite() throws {
        var pixels = [UInt8](repeating: 0, count: 64 * 32 * 3)
        for index in stride(from: 32 * 3 * 32, to: pixels.count, by: 1) { pixels[index] = 255 }  // lower half white
        let bytes = try ThumbnailEncoder().encode(RGBImage(width: 64, height: 32, pixels: pixels))
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try Data(bytes).write(to: URL(fileURLWithPath: folder.path("halves.jpg")))
        let decoded = try PictureDecoder().decode(RawPath(folder.path("halves.jpg"))).image
        #expect(decoded.width == 64 && decoded.height == 32)
        let black = decoded[10, 4], white = decoded[50, 28]
        #expect(black.red <= 3 && black.green <= 3 && black.blue <= 3)
        #expect(white.red >= 252 && white.green >= 252 && white.blue >= 252)
    }

    @Test func theLongerSideIsLimitedAndSmallPicturesStay() throws {
        let tall = RGBImage(width: 1000, height: 2000, filledWith: (red: 30, green: 140, blue: 200))
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try ThumbnailEncoder().write(tall, to: RawPath(folder.path("tall.jpg")))
        #expect(try Self.probe(folder.path("tall.jpg"))[1...2] == ["160", "320"])
        let small = RGBImage(width: 90, height: 50, filledWith: (red: 0, green: 0, blue: 0))
        try ThumbnailEncoder(longestSide: 64).write(small, to: RawPath(folder.path("small.jpg")))
        #expect(try Self.probe(folder.path("small.jpg"))[1...2] == ["64", "36"])
        try ThumbnailEncoder().write(small, to: RawPath(folder.path("small.jpg")))
        #expect(try Self.probe(folder.path("small.jpg"))[1...2] == ["90", "50"])
    }

    @Test func writingReplacesTheFileAndLeavesNothingElse() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("thumb.jpg")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try ThumbnailEncoder().write(
            RGBImage(width: 8, height: 8, filledWith: (red: 255, green: 0, blue: 0)), to: RawPath(path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["thumb.jpg"])
        #expect(try Self.probe(path).first == "mjpeg")
    }

    @Test func aMissingFolderIsAClearError() {
        let path = RawPath("/nonexistent-mlib-folder/thumb.jpg")
        #expect {
            try ThumbnailEncoder().write(
                RGBImage(width: 8, height: 8, filledWith: (red: 0, green: 0, blue: 0)), to: path)
        } throws: { error in
            let error = error as? MediaError
            return error?.code == .io && error?.detail.contains("folder does not exist") == true
        }
    }
}
