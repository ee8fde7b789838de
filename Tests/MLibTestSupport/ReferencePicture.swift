public import MLibCore
import Foundation

/// Pictures as FFmpeg's own command-line tool decodes them, for tests that need
/// pixels without depending on mlib's decoder (or that check it).
public enum ReferencePicture {
    public struct ToolFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// The first picture of `path` as `ffmpeg … -pix_fmt rgb24` prints it (no EXIF
    /// orientation applied: FFmpeg's tool ignores it for still images).
    public static func load(_ path: String) throws -> RGBImage {
        let probe = try ExternalTool.run(
            "ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path])
        let sides = probe.stdoutString.split(whereSeparator: { $0 == "," || $0.isNewline }).compactMap { Int($0) }
        guard probe.status == 0, sides.count >= 2 else { throw ToolFailed(description: "ffprobe \(path): \(probe.stderrString)") }
        let decoded = try ExternalTool.run(
            "ffmpeg", ["-v", "error", "-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        guard decoded.status == 0, decoded.stdout.count == sides[0] * sides[1] * 3 else {
            throw ToolFailed(description: "ffmpeg \(path): \(decoded.stderrString)")
        }
        return RGBImage(width: sides[0], height: sides[1], pixels: [UInt8](decoded.stdout))
    }

    /// Raw RGB bytes of a known size, as a reference script wrote them.
    public static func raw(_ path: String, width: Int, height: Int) throws -> RGBImage {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return RGBImage(width: width, height: height, pixels: [UInt8](data))
    }
}
