import CFFmpeg
import MLibCore

/// An opened FFmpeg decoder or encoder, freed when this value goes away.
///
/// Whoever owns the value uses it, on one thread; nothing is shared.
struct FFmpegCodec: ~Copyable {
    let context: UnsafeMutablePointer<AVCodecContext>
    /// The codec's short name (`mjpeg`, `h264`), for messages.
    let name: String
    private let path: RawPath

    /// Opens the decoder for `codec`, copying `parameters` (a demuxer's stream
    /// description) when given; `configure` sets options before the decoder opens.
    init(
        decoding codec: AVCodecID, parameters: UnsafePointer<AVCodecParameters>? = nil, path: RawPath,
        configure: (UnsafeMutablePointer<AVCodecContext>, UnsafePointer<AVCodec>) -> Void = { _, _ in }
    ) throws(MediaError) {
        guard let found = mlib_avcodec_find_decoder(codec) else {
            let codecName = String(cString: mlib_avcodec_get_name(codec))
            throw MediaError(
                .unsupported, path: path, detail: "this FFmpeg has no decoder for \(codecName); mlib cannot decode it")
        }
        try self.init(codec: found, path: path) { context throws(MediaError) in
            if let parameters {
                let code = mlib_avcodec_parameters_to_context(context, parameters)
                if code < 0 {
                    throw FFmpegStatus.codecError(code, path: path, codec: String(cString: found.pointee.name))
                }
            }
            configure(context, found)
        }
    }

    /// Opens the encoder for `codec`; `configure` sets its size, format and options.
    init(
        encoding codec: AVCodecID, path: RawPath, configure: (UnsafeMutablePointer<AVCodecContext>) -> Void
    ) throws(MediaError) {
        guard let found = mlib_avcodec_find_encoder(codec) else {
            let codecName = String(cString: mlib_avcodec_get_name(codec))
            throw MediaError(
                .unsupported, path: path, detail: "this FFmpeg has no \(codecName) encoder; install a full FFmpeg")
        }
        try self.init(codec: found, path: path) { context throws(MediaError) in configure(context) }
    }

    private init(
        codec: UnsafePointer<AVCodec>, path: RawPath,
        prepare: (UnsafeMutablePointer<AVCodecContext>) throws(MediaError) -> Void
    ) throws(MediaError) {
        let name = String(cString: codec.pointee.name)
        guard let context = mlib_avcodec_alloc_context3(codec) else {
            throw MediaError(.io, path: path, detail: "cannot start FFmpeg's \(name) codec: out of memory")
        }
        var owned: UnsafeMutablePointer<AVCodecContext>? = context
        do throws(MediaError) {
            try prepare(context)
            let code = mlib_avcodec_open2(context, codec, nil)
            if code < 0 { throw FFmpegStatus.codecError(code, path: path, codec: name) }
        } catch {
            mlib_avcodec_free_context(&owned)
            throw error
        }
        self.context = context
        self.name = name
        self.path = path
    }

    deinit {
        var owned: UnsafeMutablePointer<AVCodecContext>? = context
        mlib_avcodec_free_context(&owned)
    }

    /// Hands the codec one packet, or nil to drain it; FFmpeg's return code.
    func send(_ packet: UnsafePointer<AVPacket>?) -> Int32 {
        mlib_avcodec_send_packet(context, packet)
    }

    /// Takes the next decoded frame; `AVERROR(EAGAIN)` when it needs more packets first.
    func receive(_ frame: UnsafeMutablePointer<AVFrame>) -> Int32 {
        mlib_avcodec_receive_frame(context, frame)
    }

    /// Forgets every frame in flight (after draining, or before a seek).
    func flush() {
        mlib_avcodec_flush_buffers(context)
    }
}
