import ArgumentParser
import MLibMedia

/// `--fps` and `--ocr`, shared by the commands that read images and videos.
struct PictureArguments: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Video frames sampled per second, 0.1 to 5 (default 1). Videos longer than \(PictureOptions().frameBudget) frames at this rate are sampled evenly instead.",
            valueName: "rate"))
    var fps: Double = 1

    @Option(
        help: ArgumentHelp(
            "Read text in images and frames: auto (only pictures that look like they hold text), on or off.",
            valueName: "mode"))
    var ocr: OCROption = .auto

    func validate() throws {
        guard fps.isFinite, PictureOptions.fpsRange.contains(fps) else {
            throw ValidationError("--fps must be between 0.1 and 5 frames per second.")
        }
    }

    var options: PictureOptions { PictureOptions(fps: fps, ocr: ocr.mode) }
}

/// The values `--ocr` takes.
enum OCROption: String, ExpressibleByArgument, CaseIterable {
    case auto, on, off

    var mode: OCRMode {
        switch self {
        case .auto: .auto
        case .on: .on
        case .off: .off
        }
    }
}
