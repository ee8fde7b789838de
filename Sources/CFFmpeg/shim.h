#ifndef MLIB_CFFMPEG_SHIM_H
#define MLIB_CFFMPEG_SHIM_H

#include <dlfcn.h>
#include <stddef.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/dict.h>
#include <libavutil/display.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libswscale/swscale.h>

// FFmpeg is loaded on first use (dlopen), not when mlib starts: its libraries pull in
// some 130 others, and loading them cost every `mlib search` ~35 ms. Swift calls the
// `mlib_` wrappers below; each looks its function up once. The module links none of
// FFmpeg's libraries, so a call that bypasses a wrapper fails to link.

#define MLIB_STRINGIFY_(x) #x
#define MLIB_STRINGIFY(x) MLIB_STRINGIFY_(x)

/// The FFmpeg libraries of the major versions these headers describe, opened once.
static inline void **mlib_ffmpeg_handles(void) {
    static void *handles[4];
    static int opened;
    if (!__atomic_load_n(&opened, __ATOMIC_ACQUIRE)) {
        static const char *const names[4] = {
            "libavutil.so." MLIB_STRINGIFY(LIBAVUTIL_VERSION_MAJOR),
            "libavcodec.so." MLIB_STRINGIFY(LIBAVCODEC_VERSION_MAJOR),
            "libavformat.so." MLIB_STRINGIFY(LIBAVFORMAT_VERSION_MAJOR),
            "libswscale.so." MLIB_STRINGIFY(LIBSWSCALE_VERSION_MAJOR),
        };
        for (int index = 0; index < 4; index++) {
            void *handle = dlopen(names[index], RTLD_NOW | RTLD_GLOBAL);
            __atomic_store_n(&handles[index], handle, __ATOMIC_RELEASE);
        }
        __atomic_store_n(&opened, 1, __ATOMIC_RELEASE);
    }
    return handles;
}

/// Whether every FFmpeg library loaded; when not, `mlib_ffmpeg_missing` names the first that did not.
static inline const char *mlib_ffmpeg_missing(void) {
    static const char *const names[4] = {"libavutil", "libavcodec", "libavformat", "libswscale"};
    void **handles = mlib_ffmpeg_handles();
    for (int index = 0; index < 4; index++) {
        if (!__atomic_load_n(&handles[index], __ATOMIC_ACQUIRE)) return names[index];
    }
    return NULL;
}

/// The address of FFmpeg function `name`, or NULL.
static inline void *mlib_ffmpeg_symbol(const char *name) {
    void **handles = mlib_ffmpeg_handles();
    for (int index = 0; index < 4; index++) {
        void *handle = __atomic_load_n(&handles[index], __ATOMIC_ACQUIRE);
        void *symbol = handle ? dlsym(handle, name) : NULL;
        if (symbol) return symbol;
    }
    return NULL;
}

/// Defines `mlib_NAME`, which calls FFmpeg's NAME through a pointer looked up once;
/// `fallback` is returned when FFmpeg could not be loaded.
#define MLIB_FFMPEG_FUNCTION(type, name, fallback, parameters, arguments) \
    static inline type mlib_##name parameters { \
        typedef type (*mlib_##name##_t) parameters; \
        static mlib_##name##_t function; \
        mlib_##name##_t found = __atomic_load_n(&function, __ATOMIC_ACQUIRE); \
        if (!found) { \
            found = (mlib_##name##_t)mlib_ffmpeg_symbol(#name); \
            if (!found) return fallback; \
            __atomic_store_n(&function, found, __ATOMIC_RELEASE); \
        } \
        return found arguments; \
    }

#define MLIB_FFMPEG_PROCEDURE(name, parameters, arguments) \
    static inline void mlib_##name parameters { \
        typedef void (*mlib_##name##_t) parameters; \
        static mlib_##name##_t function; \
        mlib_##name##_t found = __atomic_load_n(&function, __ATOMIC_ACQUIRE); \
        if (!found) { \
            found = (mlib_##name##_t)mlib_ffmpeg_symbol(#name); \
            if (!found) return; \
            __atomic_store_n(&function, found, __ATOMIC_RELEASE); \
        } \
        found arguments; \
    }

MLIB_FFMPEG_FUNCTION(AVFormatContext *, avformat_alloc_context, NULL, (void), ())
MLIB_FFMPEG_FUNCTION(int, avformat_open_input, AVERROR(ENOSYS),
    (AVFormatContext **context, const char *url, const AVInputFormat *format, AVDictionary **options),
    (context, url, format, options))
MLIB_FFMPEG_FUNCTION(int, avformat_find_stream_info, AVERROR(ENOSYS), (AVFormatContext *context, AVDictionary **options),
    (context, options))
MLIB_FFMPEG_PROCEDURE(avformat_close_input, (AVFormatContext **context), (context))
MLIB_FFMPEG_FUNCTION(int, avformat_index_get_entries_count, 0, (const AVStream *stream), (stream))
MLIB_FFMPEG_FUNCTION(const AVIndexEntry *, avformat_index_get_entry, NULL, (AVStream *stream, int index), (stream, index))
MLIB_FFMPEG_FUNCTION(int, av_read_frame, AVERROR(ENOSYS), (AVFormatContext *context, AVPacket *packet), (context, packet))
MLIB_FFMPEG_FUNCTION(uint8_t *, av_stream_get_side_data, NULL,
    (const AVStream *stream, enum AVPacketSideDataType type, size_t *size), (stream, type, size))
MLIB_FFMPEG_FUNCTION(const char *, avcodec_get_name, "unknown", (enum AVCodecID codec), (codec))
MLIB_FFMPEG_FUNCTION(AVPacket *, av_packet_alloc, NULL, (void), ())
MLIB_FFMPEG_PROCEDURE(av_packet_unref, (AVPacket *packet), (packet))
MLIB_FFMPEG_PROCEDURE(av_packet_free, (AVPacket **packet), (packet))
MLIB_FFMPEG_PROCEDURE(av_log_set_level, (int level), (level))
MLIB_FFMPEG_FUNCTION(double, av_display_rotation_get, 0, (const int32_t matrix[9]), (matrix))
MLIB_FFMPEG_FUNCTION(int, av_dict_set, AVERROR(ENOSYS),
    (AVDictionary **dictionary, const char *key, const char *value, int flags), (dictionary, key, value, flags))
MLIB_FFMPEG_FUNCTION(AVDictionaryEntry *, av_dict_get, NULL,
    (const AVDictionary *dictionary, const char *key, const AVDictionaryEntry *previous, int flags),
    (dictionary, key, previous, flags))
MLIB_FFMPEG_PROCEDURE(av_dict_free, (AVDictionary **dictionary), (dictionary))
/// FFmpeg's av_strerror, looked up like the functions above.
static inline int mlib_av_strerror_lookup(int error, char *buffer, size_t size) {
    typedef int (*lookup_t)(int, char *, size_t);
    static lookup_t function;
    lookup_t found = __atomic_load_n(&function, __ATOMIC_ACQUIRE);
    if (!found) {
        found = (lookup_t)mlib_ffmpeg_symbol("av_strerror");
        if (!found) return AVERROR(ENOSYS);
        __atomic_store_n(&function, found, __ATOMIC_RELEASE);
    }
    return found(error, buffer, size);
}

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
    if (size > 0) buffer[0] = 0;
    mlib_av_strerror_lookup(errnum, buffer, size);
    return buffer;
}

/// AV_NOPTS_VALUE is a macro with a cast Swift cannot import.
static inline int64_t mlib_av_nopts_value(void) { return AV_NOPTS_VALUE; }

/// AV_TIME_BASE_Q is a compound literal.
static inline AVRational mlib_av_time_base_q(void) { return (AVRational){1, AV_TIME_BASE}; }

// Decoding pictures and frames, encoding thumbnails (PictureDecoder, FrameSampler,
// ThumbnailEncoder). Same lazy lookup as above.
MLIB_FFMPEG_FUNCTION(const AVCodec *, avcodec_find_decoder, NULL, (enum AVCodecID codec), (codec))
MLIB_FFMPEG_FUNCTION(const AVCodec *, avcodec_find_encoder, NULL, (enum AVCodecID codec), (codec))
MLIB_FFMPEG_FUNCTION(AVCodecContext *, avcodec_alloc_context3, NULL, (const AVCodec *codec), (codec))
MLIB_FFMPEG_PROCEDURE(avcodec_free_context, (AVCodecContext **context), (context))
MLIB_FFMPEG_FUNCTION(int, avcodec_parameters_to_context, AVERROR(ENOSYS),
    (AVCodecContext *context, const AVCodecParameters *parameters), (context, parameters))
MLIB_FFMPEG_FUNCTION(int, avcodec_open2, AVERROR(ENOSYS),
    (AVCodecContext *context, const AVCodec *codec, AVDictionary **options), (context, codec, options))
MLIB_FFMPEG_FUNCTION(int, avcodec_send_packet, AVERROR(ENOSYS), (AVCodecContext *context, const AVPacket *packet),
    (context, packet))
MLIB_FFMPEG_FUNCTION(int, avcodec_receive_frame, AVERROR(ENOSYS), (AVCodecContext *context, AVFrame *frame),
    (context, frame))
MLIB_FFMPEG_FUNCTION(int, avcodec_send_frame, AVERROR(ENOSYS), (AVCodecContext *context, const AVFrame *frame),
    (context, frame))
MLIB_FFMPEG_FUNCTION(int, avcodec_receive_packet, AVERROR(ENOSYS), (AVCodecContext *context, AVPacket *packet),
    (context, packet))
MLIB_FFMPEG_PROCEDURE(avcodec_flush_buffers, (AVCodecContext *context), (context))
MLIB_FFMPEG_FUNCTION(int, av_new_packet, AVERROR(ENOSYS), (AVPacket *packet, int size), (packet, size))
MLIB_FFMPEG_FUNCTION(AVFrame *, av_frame_alloc, NULL, (void), ())
MLIB_FFMPEG_PROCEDURE(av_frame_free, (AVFrame **frame), (frame))
MLIB_FFMPEG_PROCEDURE(av_frame_unref, (AVFrame *frame), (frame))
MLIB_FFMPEG_FUNCTION(int, av_frame_get_buffer, AVERROR(ENOSYS), (AVFrame *frame, int align), (frame, align))
MLIB_FFMPEG_FUNCTION(int, av_seek_frame, AVERROR(ENOSYS),
    (AVFormatContext *context, int stream, int64_t timestamp, int flags), (context, stream, timestamp, flags))
MLIB_FFMPEG_FUNCTION(struct SwsContext *, sws_getCachedContext, NULL,
    (struct SwsContext *context, int sourceWidth, int sourceHeight, enum AVPixelFormat sourceFormat,
     int width, int height, enum AVPixelFormat format, int flags, SwsFilter *sourceFilter,
     SwsFilter *filter, const double *parameters),
    (context, sourceWidth, sourceHeight, sourceFormat, width, height, format, flags, sourceFilter, filter, parameters))
MLIB_FFMPEG_PROCEDURE(sws_freeContext, (struct SwsContext *context), (context))
MLIB_FFMPEG_FUNCTION(int, sws_scale, AVERROR(ENOSYS),
    (struct SwsContext *context, const uint8_t *const sourceSlices[], const int sourceStrides[], int sliceY,
     int sliceHeight, uint8_t *const planes[], const int strides[]),
    (context, sourceSlices, sourceStrides, sliceY, sliceHeight, planes, strides))
MLIB_FFMPEG_FUNCTION(int, sws_setColorspaceDetails, -1,
    (struct SwsContext *context, const int sourceTable[4], int sourceRange, const int table[4], int range,
     int brightness, int contrast, int saturation),
    (context, sourceTable, sourceRange, table, range, brightness, contrast, saturation))
MLIB_FFMPEG_FUNCTION(int, sws_getColorspaceDetails, -1,
    (struct SwsContext *context, int **sourceTable, int *sourceRange, int **table, int *range, int *brightness,
     int *contrast, int *saturation),
    (context, sourceTable, sourceRange, table, range, brightness, contrast, saturation))
MLIB_FFMPEG_FUNCTION(const int *, sws_getCoefficients, NULL, (int colorspace), (colorspace))

/// Scales all of `frame` into one packed picture (`rgb24`) at `pixels`, `stride` bytes a
/// row: AVFrame's plane arrays are C arrays Swift sees as tuples.
static inline int mlib_sws_scale_frame_to_packed(struct SwsContext *context, const AVFrame *frame,
    uint8_t *pixels, int stride) {
    uint8_t *const planes[4] = {pixels, NULL, NULL, NULL};
    const int strides[4] = {stride, 0, 0, 0};
    return mlib_sws_scale(context, (const uint8_t *const *)frame->data, frame->linesize, 0, frame->height,
        planes, strides);
}

/// Scales all of `frame` into all of `target`.
static inline int mlib_sws_scale_frame_to_frame(struct SwsContext *context, const AVFrame *frame, AVFrame *target) {
    return mlib_sws_scale(context, (const uint8_t *const *)frame->data, frame->linesize, 0, frame->height,
        target->data, target->linesize);
}

/// Scales one packed picture (`rgb24`, `height` rows of `stride` bytes) into all of `frame`.
static inline int mlib_sws_scale_packed_to_frame(struct SwsContext *context, const uint8_t *pixels, int stride,
    int height, AVFrame *frame) {
    const uint8_t *const planes[4] = {pixels, NULL, NULL, NULL};
    const int strides[4] = {stride, 0, 0, 0};
    return mlib_sws_scale(context, planes, strides, 0, height, frame->data, frame->linesize);
}

#endif
