import Foundation
import MLibCore
import MLibTestSupport
import Testing

/// Pictures and frames as FFmpeg's command-line tools see them, for checking mlib's
/// own decoding against.
enum PictureReference {
    /// The swscale flags mlib's picture decoder uses, so FFmpeg's tool converts the same way.
    static let decoderFlags = "bicubic+accurate_rnd+full_chroma_int"
    /// The flags mlib's frame sampler uses.
    static let frameFlags = "area"

    static func path(_ name: String) -> String { Fixtures.path("pictures/" + name) }

    /// The first picture of `path` converted to RGB the way mlib's picture decoder
    /// converts it: subsampled YUV is first brought to full-resolution chroma (4:4:4,
    /// range kept), then to RGB; other formats go straight to RGB with `decoderFlags`.
    static func asDecoded(_ path: String, inputOptions: [String] = [], size: (width: Int, height: Int)? = nil) throws
        -> RGBImage
    {
        let probe = try ExternalTool.run(
            "ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=pix_fmt", "-of", "csv=p=0", path])
        let format = probe.stdoutString.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let fullRange = ["yuvj420p", "yuvj422p", "yuvj411p", "yuvj440p"]
        let limitedRange = ["yuv420p", "yuv422p", "yuv411p", "yuv440p", "yuv410p"]
        if fullRange.contains(format) || limitedRange.contains(format) {
            return try ffmpeg(
                path, flags: "bicubic+accurate_rnd", inputOptions: inputOptions,
                filter: fullRange.contains(format) ? "format=yuvj444p" : "format=yuv444p", size: size)
        }
        return try ffmpeg(path, inputOptions: inputOptions, size: size)
    }

    /// The first picture of `path` as `ffmpeg -pix_fmt rgb24` decodes it with `flags`,
    /// after `inputOptions` (such as `-lowres 2`) and through `filter` when given;
    /// `size` is the size of the result when ffprobe would not know it.
    static func ffmpeg(
        _ path: String, flags: String = decoderFlags, inputOptions: [String] = [], filter: String? = nil,
        size: (width: Int, height: Int)? = nil
    ) throws -> RGBImage {
        var sides: [Int]
        if let size {
            sides = [size.width, size.height]
        } else {
            let probe = try ExternalTool.run(
                "ffprobe",
                [
                    "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0",
                    path,
                ])
            sides = probe.stdoutString.split(whereSeparator: { $0 == "," || $0.isNewline }).compactMap { Int($0) }
            try #require(probe.status == 0 && sides.count >= 2, "ffprobe \(path): \(probe.stderrString)")
        }
        var arguments = ["-v", "error"] + inputOptions + ["-i", path, "-frames:v", "1", "-sws_flags", flags]
        if let filter {
            arguments += ["-vf", filter]
        }
        let decoded = try ExternalTool.run("ffmpeg", arguments + ["-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        try #require(decoded.status == 0, "ffmpeg \(path): \(decoded.stderrString)")
        if decoded.stdout.count != sides[0] * sides[1] * 3 {
            sides.swapAt(0, 1)  // a filter turned it
        }
        try #require(decoded.stdout.count == sides[0] * sides[1] * 3, "ffmpeg \(path): unexpected size")
        return RGBImage(width: sides[0], height: sides[1], pixels: [UInt8](decoded.stdout))
    }

    /// How far apart two pictures of the same size are: the largest and the mean
    /// difference of one channel value.
    static func difference(_ a: RGBImage, _ b: RGBImage) -> (largest: Int, mean: Double) {
        precondition(a.width == b.width && a.height == b.height)
        var largest = 0
        var total = 0
        for (x, y) in zip(a.pixels, b.pixels) {
            let difference = abs(Int(x) - Int(y))
            largest = max(largest, difference)
            total += difference
        }
        return (largest, Double(total) / Double(max(1, a.pixels.count)))
    }

    /// The peak resident memory of this process so far, in bytes.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
