import Foundation
import MLibCore
import MLibMedia

/// `mlib-bench pictures [--jpegs DIR] [--pngs DIR] [--video FILE] [--fps F]`: pictures
/// per second through decode + thumbnail (one at a time, one thread), and seconds of
/// video sampled per wall second. `bench/pictures.sh` makes the files and runs FFmpeg's
/// own tool beside it.
enum PicturesBenchmark {
    static func run(_ arguments: ArraySlice<String>) throws {
        var rest = arguments
        var jpegs: String?
        var pngs: String?
        var video: String?
        var fps = 1.0
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            switch flag {
            case "--jpegs": jpegs = value
            case "--pngs": pngs = value
            case "--video": video = value
            case "--fps":
                guard let rate = Double(value), FrameSampler.fpsRange.contains(rate) else {
                    throw UsageError(description: "--fps takes a number from 0.1 to 5")
                }
                fps = rate
            default: throw UsageError(description: "unknown option \(flag)")
            }
        }
        guard jpegs != nil || pngs != nil || video != nil else {
            throw UsageError(description: "pictures needs --jpegs, --pngs or --video")
        }
        if let jpegs {
            try pictures(in: jpegs, label: "jpeg", request: PictureRequest())
            try pictures(in: jpegs, label: "jpeg-reduced", request: PictureRequest(minimumShortSide: 320))
        }
        if let pngs {
            try pictures(in: pngs, label: "png", request: PictureRequest())
        }
        if let video {
            try frames(of: video, fps: fps)
        }
    }

    /// Decodes every picture in `folder` and makes its thumbnail, once to warm up, then timed.
    private static func pictures(in folder: String, label: String, request: PictureRequest) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let paths = names.map { RawPath(folder + "/" + $0) }
        guard let first = paths.first else { throw UsageError(description: "\(folder) holds no pictures") }
        let decoder = PictureDecoder()
        let encoder = ThumbnailEncoder()
        _ = try encoder.encode(decoder.decode(first, request: request).image)
        var pixels = 0
        var thumbnailBytes = 0
        var decoding = Duration.zero
        var encoding = Duration.zero
        let clock = ContinuousClock()
        for path in paths {
            let start = clock.now
            let picture = try decoder.decode(path, request: request)
            let decoded = clock.now
            thumbnailBytes += try encoder.encode(picture.image).count
            encoding += clock.now - decoded
            decoding += decoded - start
            pixels += picture.sourceWidth * picture.sourceHeight
        }
        let seconds = milliseconds(decoding + encoding) / 1e3
        let count = Double(paths.count)
        print(
            "{\"case\":\"\(label)\",\"pictures\":\(paths.count),\"megapixels_each\":"
                + String(format: "%.1f", Double(pixels) / count / 1e6)
                + ",\"seconds\":\(String(format: "%.3f", seconds)),\"pictures_per_s\":"
                + String(format: "%.2f", count / seconds)
                + ",\"decode_ms_each\":\(String(format: "%.1f", milliseconds(decoding) / count))"
                + ",\"thumbnail_ms_each\":\(String(format: "%.1f", milliseconds(encoding) / count))"
                + ",\"thumbnail_kb_each\":\(String(format: "%.1f", Double(thumbnailBytes) / count / 1024))}")
    }

    /// Samples `path` at `fps` with the default sampler settings.
    private static func frames(of path: String, fps: Double) throws {
        var frames = 0
        let start = ContinuousClock.now
        let summary = try FrameSampler(fps: fps).sample(RawPath(path)) { _ in frames += 1 }
        let seconds = milliseconds(ContinuousClock.now - start) / 1e3
        let duration = summary.duration ?? 0
        print(
            "{\"case\":\"video\",\"fps\":\(fps),\"duration_s\":\(String(format: "%.2f", duration)),\"frames\":\(frames),"
                + "\"decoded_frames\":\(summary.decodedFrames),\"method\":\"\(summary.method.rawValue)\","
                + "\"seeks\":\(summary.seeks),\"seconds\":\(String(format: "%.3f", seconds)),"
                + "\"video_seconds_per_s\":\(String(format: "%.1f", duration / seconds))}")
    }
}
