#ifndef MLIB_CLIBEXIF_SHIM_H
#define MLIB_CLIBEXIF_SHIM_H

#include <stddef.h>
#include <libexif/exif-data.h>
#include <libexif/exif-loader.h>
#include <libexif/exif-utils.h>
#include <libexif/exif-tag.h>
#include <libexif/exif-ifd.h>
#include <libexif/exif-log.h>

/// exif_data_get_entry is a macro over two IFD look-ups.
static inline ExifEntry *mlib_exif_data_get_entry(ExifData *data, ExifTag tag) {
    return exif_data_get_entry(data, tag);
}

#endif
