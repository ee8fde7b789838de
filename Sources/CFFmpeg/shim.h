#ifndef MLIB_CFFMPEG_SHIM_H
#define MLIB_CFFMPEG_SHIM_H

#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/dict.h>
#include <libavutil/display.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libswscale/swscale.h>

/// AVERROR(e) is a macro: Swift cannot import it.
static inline int mlib_averror(int errnum) { return AVERROR(errnum); }

/// AVERROR_EOF is a macro built from FFERRTAG.
static inline int mlib_averror_eof(void) { return AVERROR_EOF; }

/// AVERROR_INVALIDDATA, for telling corrupt input from I/O failure.
static inline int mlib_averror_invaliddata(void) { return AVERROR_INVALIDDATA; }

/// AVERROR_EXIT, what a demuxer returns when the interrupt callback asked it to stop.
static inline int mlib_averror_exit(void) { return AVERROR_EXIT; }

/// av_err2str is a macro around a compound literal; this writes into the caller's buffer.
static inline const char *mlib_av_strerror(int errnum, char *buffer, size_t size) {
    av_strerror(errnum, buffer, size);
    return buffer;
}

/// AV_NOPTS_VALUE is a macro with a cast Swift cannot import.
static inline int64_t mlib_av_nopts_value(void) { return AV_NOPTS_VALUE; }

/// AV_TIME_BASE_Q is a compound literal.
static inline AVRational mlib_av_time_base_q(void) { return (AVRational){1, AV_TIME_BASE}; }

#endif
