#ifndef MLIB_CZLIB_SHIM_H
#define MLIB_CZLIB_SHIM_H

#include <zlib.h>

/// inflateInit is a macro that passes zlib's version and the stream's size.
static inline int mlib_inflate_init(z_stream *stream) {
    return inflateInit(stream);
}

#endif
