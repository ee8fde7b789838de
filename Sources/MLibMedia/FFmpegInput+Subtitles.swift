import CFFmpeg
import MLibCore

extension FFmpegInput {
    /// What the text subtitle streams of the container hold.
    struct SubtitleTracks {
        /// Cues per stream index, in packet order.
        var cues: [Int: [SubtitleCue]] = [:]
        /// Why reading stopped before the end of the file, if it did; the cues before it are kept.
        var problem: MediaError?
    }

    /// How the packets of `stream` carry text, or nil for picture subtitles (DVD, PGS) and other streams.
    static func subtitlePayload(of stream: UnsafeMutablePointer<AVStream>) -> SubtitleText.Payload? {
        guard stream.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_SUBTITLE else { return nil }
        switch stream.pointee.codecpar.pointee.codec_id {
        case AV_CODEC_ID_SUBRIP, AV_CODEC_ID_SRT, AV_CODEC_ID_WEBVTT, AV_CODEC_ID_TEXT: return .plain
        case AV_CODEC_ID_MOV_TEXT: return .movText
        case AV_CODEC_ID_ASS, AV_CODEC_ID_SSA: return .assEvent
        default: return nil
        }
    }

    /// Demuxes the text subtitle streams to the end of the file and turns each packet into a cue.
    ///
    /// The other streams are discarded, so FFmpeg skips their data instead of handing
    /// it over. Empty packets (gaps between cues in MP4) give no cue.
    func readTextSubtitles() -> SubtitleTracks {
        let all = streams
        let payloads = all.map(Self.subtitlePayload)
        var tracks = SubtitleTracks()
        guard payloads.contains(where: { $0 != nil }) else { return tracks }
        for (stream, payload) in zip(all, payloads) {
            stream.pointee.discard = payload == nil ? AVDISCARD_ALL : AVDISCARD_DEFAULT
        }
        var allocated = mlib_av_packet_alloc()
        defer { mlib_av_packet_free(&allocated) }
        guard let packet = allocated else {
            tracks.problem = MediaError(.io, path: path, detail: "cannot read subtitles: FFmpeg is out of memory")
            return tracks
        }
        while true {
            let code = readPacket(into: packet)
            if code == mlib_averror_eof() { break }
            if code < 0 {
                tracks.problem = FFmpegStatus.error(code, path: path, while: "reading its subtitles")
                break
            }
            defer { mlib_av_packet_unref(packet) }
            let index = Int(packet.pointee.stream_index)
            guard index >= 0, index < all.count, let payload = payloads[index],
                let data = packet.pointee.data, packet.pointee.size > 0
            else { continue }
            let timeBase = all[index].pointee.time_base
            let timestamp = packet.pointee.pts != mlib_av_nopts_value() ? packet.pointee.pts : packet.pointee.dts
            guard let start = Self.seconds(timestamp, timeBase) else { continue }
            let text = SubtitleText.text(
                ofPacket: Array(UnsafeBufferPointer(start: data, count: Int(packet.pointee.size))), payload: payload)
            if text.isEmpty { continue }
            let length = packet.pointee.duration > 0 ? Self.seconds(packet.pointee.duration, timeBase) : nil
            tracks.cues[index, default: []].append(
                SubtitleCue(start: start, end: length.map { start + $0 }, text: text))
        }
        return tracks
    }
}
