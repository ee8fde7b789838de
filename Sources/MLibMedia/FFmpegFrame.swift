import CFFmpeg
import MLibCore

/// An `AVFrame`, freed when this value goes away.
struct FFmpegFrame: ~Copyable {
    let pointer: UnsafeMutablePointer<AVFrame>

    init(path: RawPath) throws(MediaError) {
        guard let frame = mlib_av_frame_alloc() else {
            throw MediaError(.io, path: path, detail: "cannot decode: FFmpeg is out of memory")
        }
        pointer = frame
    }

    deinit {
        var owned: UnsafeMutablePointer<AVFrame>? = pointer
        mlib_av_frame_free(&owned)
    }

    /// Lets go of the pictures the frame holds, so it can receive the next one.
    func unref() {
        mlib_av_frame_unref(pointer)
    }
}

/// An `AVPacket`, freed when this value goes away.
struct FFmpegPacket: ~Copyable {
    let pointer: UnsafeMutablePointer<AVPacket>

    init(path: RawPath) throws(MediaError) {
        guard let packet = mlib_av_packet_alloc() else {
            throw MediaError(.io, path: path, detail: "cannot decode: FFmpeg is out of memory")
        }
        pointer = packet
    }

    /// A packet holding a copy of `bytes`, zero-padded as decoders require.
    init(copying bytes: [UInt8], path: RawPath) throws(MediaError) {
        var packet = mlib_av_packet_alloc()
        guard let allocated = packet, bytes.count < Int(Int32.max) - Int(AV_INPUT_BUFFER_PADDING_SIZE),
            mlib_av_new_packet(allocated, Int32(bytes.count)) >= 0, let data = allocated.pointee.data
        else {
            mlib_av_packet_free(&packet)
            throw MediaError(.io, path: path, detail: "cannot decode: FFmpeg is out of memory")
        }
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { data.update(from: base, count: source.count) }
        }
        pointer = allocated
    }

    deinit {
        var owned: UnsafeMutablePointer<AVPacket>? = pointer
        mlib_av_packet_free(&owned)
    }

    func unref() {
        mlib_av_packet_unref(pointer)
    }
}
