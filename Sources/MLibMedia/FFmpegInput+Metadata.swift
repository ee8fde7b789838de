import CFFmpeg
import MLibCore

extension FFmpegInput {
    /// The demuxer's short name, such as `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`.
    var formatName: String? {
        context.pointee.iformat?.pointee.name.map { String(cString: $0) }
    }

    /// The demuxer's long name, such as `QuickTime / MOV`.
    var formatLongName: String? {
        context.pointee.iformat?.pointee.long_name.map { String(cString: $0) }
    }

    /// The container's playing time in seconds, when it knows it.
    var duration: Double? {
        let value = context.pointee.duration
        guard value != mlib_av_nopts_value(), value > 0 else { return nil }
        return Double(value) / Double(AV_TIME_BASE)
    }

    /// The container's overall bit rate in bits per second, when it knows it.
    var bitRate: Int64? {
        let value = context.pointee.bit_rate
        return value > 0 ? value : nil
    }

    /// The container-level tag `key`, matched without regard to case (`TITLE` or `title`).
    func tag(_ key: String) -> String? {
        Self.tag(key, in: context.pointee.metadata)
    }

    /// The tag `key` of a stream, chapter or container dictionary, matched without regard to case.
    static func tag(_ key: String, in dictionary: OpaquePointer?) -> String? {
        guard let dictionary, let entry = mlib_av_dict_get(dictionary, key, nil, 0), let value = entry.pointee.value else {
            return nil
        }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// The main picture stream: the first default one, else the first; cover art does not count.
    var videoStream: UnsafeMutablePointer<AVStream>? {
        let pictures = streams.filter {
            $0.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO
                && $0.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC == 0
        }
        return pictures.first { $0.pointee.disposition & AV_DISPOSITION_DEFAULT != 0 } ?? pictures.first
    }

    /// The first stream of `type`, if any.
    func firstStream(of type: AVMediaType) -> UnsafeMutablePointer<AVStream>? {
        streams.first { $0.pointee.codecpar.pointee.codec_type == type }
    }

    /// FFmpeg's name for the codec of `stream`, as ffprobe prints it (`h264`, `mov_text`).
    static func codecName(of stream: UnsafeMutablePointer<AVStream>) -> String {
        String(cString: mlib_avcodec_get_name(stream.pointee.codecpar.pointee.codec_id))
    }

    /// The average frame rate of `stream` in frames per second, else its base rate.
    static func frameRate(of stream: UnsafeMutablePointer<AVStream>) -> Double? {
        for rate in [stream.pointee.avg_frame_rate, stream.pointee.r_frame_rate] where rate.num > 0 && rate.den > 0 {
            return av_q2d(rate)
        }
        return nil
    }

    /// The display rotation of `stream` in degrees, counter-clockwise, as ffprobe's
    /// `side_data_list` prints it; nil when the stream has no display matrix.
    static func rotation(of stream: UnsafeMutablePointer<AVStream>) -> Double? {
        var size = 0
        guard let data = mlib_av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size),
            size >= 9 * MemoryLayout<Int32>.size
        else { return nil }
        let degrees = data.withMemoryRebound(to: Int32.self, capacity: 9) { mlib_av_display_rotation_get($0) }
        guard degrees.isFinite else { return nil }
        return degrees.rounded()
    }

    /// `value` in `timeBase` units as seconds; nil for FFmpeg's "no time".
    static func seconds(_ value: Int64, _ timeBase: AVRational) -> Double? {
        guard value != mlib_av_nopts_value(), timeBase.den != 0 else { return nil }
        // Multiplying before dividing keeps 200000 × 1/1000000 at exactly 0.2.
        return Double(value) * Double(timeBase.num) / Double(timeBase.den)
    }

    /// Whether the container's sample index points past the end of a `fileSize`-byte file.
    ///
    /// An MP4 cut in the middle keeps its `moov` index, so it opens, but the samples it
    /// lists are gone; comparing the index with the file size tells that apart.
    func indexEnd(beyond fileSize: Int) -> Int64? {
        var furthest: Int64 = 0
        for stream in streams {
            let count = mlib_avformat_index_get_entries_count(stream)
            for index in 0..<count {
                guard let entry = mlib_avformat_index_get_entry(stream, index), entry.pointee.pos >= 0 else { continue }
                furthest = max(furthest, entry.pointee.pos + Int64(entry.pointee.size))
            }
        }
        return furthest > Int64(fileSize) ? furthest : nil
    }
}
