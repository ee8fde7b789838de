import Foundation
public import MLibCore

/// Looks at the pixels of images and videos: decodes them once and, from that one
/// decoded picture (or each sampled frame), takes the dominant colours, the text in
/// the picture (OCR, when `OCRMode` says so) and a thumbnail; frames become a
/// timeline of picture segments for picture models.
///
/// A picture that cannot be decoded is not a failed item: its metadata is still
/// worth finding. The reason goes into the metadata as `picture_problem`.
public struct PictureReader: Sendable {
    public let options: PictureOptions

    /// Shorter side images are decoded at, at least: enough for OCR of ordinary text
    /// and for CLIP (which wants 448 or more before its own resize), while JPEG decodes
    /// a 12-MP photo at a quarter of its size for it.
    public static let imageShortSide = 720
    /// Shorter side of sampled frames: 720p keeps burnt-in captions readable.
    public static let frameShortSide = 720

    public init(options: PictureOptions) {
        self.options = options
    }

    /// The sampler that reads frames for these options.
    public var sampler: FrameSampler {
        FrameSampler(fps: options.fps, frameBudget: options.frameBudget, maximumShortSide: Self.frameShortSide)
    }

    /// The evidence in the pixels of the image at `path`.
    public func readImage(_ path: RawPath) -> PictureEvidence {
        var evidence = PictureEvidence()
        evidence.metadata["picture_reading"] = .string(options.readingKey(for: .image))
        let decoded: DecodedPicture
        do {
            decoded = try PictureDecoder().decode(path, request: PictureRequest(minimumShortSide: Self.imageShortSide))
        } catch {
            evidence.metadata["picture_problem"] = .string(error.detail)
            return evidence
        }
        let image = decoded.image
        evidence.segments.append(SegmentDraft(field: .picture, text: "", modality: .image))
        let colours = DominantColours(of: image)
        if !colours.shares.isEmpty {
            evidence.segments.append(SegmentDraft(field: .colour, text: colours.evidenceText))
            evidence.metadata["colours"] = colours.json
        }
        if let text = recognizeText(in: image, metadata: &evidence.metadata) {
            evidence.segments.append(SegmentDraft(field: .ocr, text: text))
        }
        evidence.thumbnail = try? ThumbnailEncoder().encode(image)
        return evidence
    }

    /// The evidence in the frames of the video at `path`, sampled at `options.fps`.
    public func readVideo(_ path: RawPath, duration: Double?) -> PictureEvidence {
        var evidence = PictureEvidence()
        evidence.metadata["picture_reading"] = .string(options.readingKey(for: .video))
        var timeline: FrameTimeline?
        var frames: [(time: Double, uniform: Bool, colours: String, text: String?)] = []
        // The thumbnail: the frame nearest a tenth of the way in (past a title card), not uniform.
        let thumbnailTime = min((duration ?? 0) * 0.1, 5)
        var representative: (distance: Double, image: RGBImage)?
        var anyFrame: (distance: Double, image: RGBImage)?
        var ocrMetadata: [String: JSONValue] = [:]
        do {
            let sampling = try sampler.sample(path) { frame in
                let uniformity = PictureUniformity(of: frame.image)
                let uniform = uniformity.isNearBlack || uniformity.isNearUniform
                let colours = uniform ? "" : DominantColours(of: frame.image).evidenceText
                let text = uniform ? nil : recognizeText(in: frame.image, metadata: &ocrMetadata)
                frames.append((frame.time, uniform, colours, text))
                let distance = abs(frame.time - thumbnailTime)
                if !uniform, distance < (representative?.distance ?? .infinity) {
                    representative = (distance, frame.image)
                }
                if distance < (anyFrame?.distance ?? .infinity) { anyFrame = (distance, frame.image) }
            }
            timeline = FrameTimeline(interval: sampling.interval, duration: sampling.duration ?? duration)
            evidence.metadata["frame_interval"] = .number(sampling.interval)
            evidence.metadata["frame_rate_sampled"] = .number(options.fps)
            evidence.metadata["frames_sampled"] = .number(Double(sampling.frames))
            if let partial = sampling.partial { evidence.metadata["frames_partial"] = .string(partial) }
        } catch {
            evidence.metadata["picture_problem"] = .string(error.detail)
        }
        if var timeline {
            for frame in frames { timeline.add(time: frame.time, uniform: frame.uniform, colours: frame.colours, text: frame.text) }
            evidence.segments = timeline.segments()
        }
        let uniformCount = frames.filter(\.uniform).count
        if uniformCount > 0 { evidence.metadata["frames_uniform"] = .number(Double(uniformCount)) }
        evidence.metadata.merge(ocrMetadata) { old, _ in old }
        // A video of uniform frames only (a blue screen) still shows what it is.
        if let chosen = representative ?? anyFrame { evidence.thumbnail = try? ThumbnailEncoder().encode(chosen.image) }
        return evidence
    }

    /// OCR text of `image` as the mode asks, or nil.
    private func recognizeText(in image: RGBImage, metadata: inout [String: JSONValue]) -> String? {
        guard options.ocr != .off else { return nil }
        do {
            let recognizer = try SharedTextRecognizer.recognizer.get()
            guard let read = try recognizer.recognize(image, mode: options.ocr), !read.isEmpty else { return nil }
            return read.text
        } catch {
            metadata["ocr_problem"] = .string(error.description)
            return nil
        }
    }
}

/// One Tesseract setup per process (it keeps an engine per thread), made on first use.
enum SharedTextRecognizer {
    static let recognizer: Result<TextRecognizer, OCRError> = Result { () throws(OCRError) -> TextRecognizer in try TextRecognizer() }
}
