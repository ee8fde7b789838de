#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFFmpeg
import MLibCore

extension PictureDecoder {
    /// How many packets may pass before the first picture shows; more means the file is broken.
    static let packetLimit = 64

    /// Decodes an ISO-BMFF picture (AVIF, HEIC) through libavformat, which finds the
    /// picture's data in the container; FFmpeg gives up once `request.timeLimit` passes.
    ///
    /// FFmpeg 5.1 reads AVIF still pictures but not HEIF image items, so HEIC ends as
    /// `.unsupported` with a way out.
    func decodeThroughContainer(_ path: RawPath, bytes: ImageBytes, request: PictureRequest) throws(MediaError)
        -> Decoded
    {
        let brand = bytes.bytes(at: 8, count: 4).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let isAVIF = brand == "avif" || brand == "avis"
        do {
            return try decodeWithDemuxer(path, request: request)
        } catch where !isAVIF && [.corrupt, .truncated, .unsupported].contains(error.code) {
            throw MediaError(
                .unsupported, path: path,
                detail:
                    "HEIC picture: this FFmpeg (5.1) cannot decode HEIF image items; convert it to JPEG (for example with heif-convert) to index its pixels"
            )
        } catch {
            throw MediaError(error.code, path: path, detail: "AVIF picture: \(error.detail)")
        }
    }

    private func decodeWithDemuxer(_ path: RawPath, request: PictureRequest) throws(MediaError) -> Decoded {
        let seconds = request.timeLimit.components.seconds + (request.timeLimit.components.attoseconds > 0 ? 1 : 0)
        let input = try FFmpegInput(path: path, timeLimit: Int(max(1, seconds)))
        try input.findStreamInfo()
        guard let stream = input.videoStream else {
            throw MediaError(.corrupt, path: path, detail: "no picture found in its container")
        }
        let parameters = stream.pointee.codecpar!
        let width = Int(parameters.pointee.width), height = Int(parameters.pointee.height)
        if width > 0, height > 0 {
            try Self.checkSize(width: width, height: height, lowres: 0, path: path)
        }
        let codec = try FFmpegCodec(decoding: parameters.pointee.codec_id, parameters: parameters, path: path) {
            context, _ in
            context.pointee.max_pixels = Int64(Self.largestDecodedFrame)
            context.pointee.thread_count = 1
        }
        let what = "\(codec.name) picture"
        let packet = try FFmpegPacket(path: path)
        let frame = try FFmpegFrame(path: path)
        var packets = 0
        while true {
            let read = input.readPacket(into: packet.pointer)
            var code: Int32
            if read < 0 {
                guard read == mlib_averror_eof() else {
                    throw FFmpegStatus.error(read, path: path, while: "reading the picture")
                }
                _ = codec.send(nil)  // the end: whatever the decoder still holds
                code = codec.receive(frame.pointer)
            } else {
                defer { packet.unref() }
                guard packet.pointer.pointee.stream_index == stream.pointee.index else { continue }
                code = codec.send(packet.pointer)
                if code >= 0 || code == mlib_averror(EAGAIN) { code = codec.receive(frame.pointer) }
                packets += 1
            }
            if code >= 0 { break }
            if read >= 0, code == mlib_averror(EAGAIN), packets < Self.packetLimit { continue }
            if code == mlib_averror(EAGAIN) || code == mlib_averror_eof() {
                throw MediaError(
                    .corrupt, path: path, detail: "no picture could be decoded from its \(packets) packets")
            }
            throw FFmpegStatus.decodingError(code, path: path, what: what, codec: codec.name)
        }
        let image = try Self.rgbImage(from: frame, request: request, what: what, path: path)
        return Decoded(
            image: image, storedWidth: width > 0 ? width : Int(frame.pointer.pointee.width),
            storedHeight: height > 0 ? height : Int(frame.pointer.pointee.height), lowres: 0)
    }
}
