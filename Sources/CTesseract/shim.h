#ifndef MLIB_CTESSERACT_SHIM_H
#define MLIB_CTESSERACT_SHIM_H

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

// Tesseract is loaded on first use (dlopen), not when mlib starts: it pulls in
// Leptonica, libarchive, libcurl and libgomp, which a search never needs. Swift calls
// the `mlib_` wrappers below; each looks its function up once, and its pointer type
// comes from capi.h, so a wrapper that disagrees with the library does not compile.
// The module links nothing, so a call that bypasses a wrapper fails to link.

/// The library's file name: the soname of Tesseract 5, which these headers describe.
#define MLIB_TESSERACT_LIBRARY "libtesseract.so.5"

/// The handle and, when loading failed, dlerror's words, filled in once.
struct mlib_tesseract_state {
    void *handle;
    char error[512];
};

static inline struct mlib_tesseract_state *mlib_tesseract_state_storage(void) {
    static struct mlib_tesseract_state state;
    return &state;
}

static inline void mlib_tesseract_open(void) {
    struct mlib_tesseract_state *state = mlib_tesseract_state_storage();
    // Tesseract parallelises inside one picture with OpenMP; mlib already reads one
    // picture per core, so more threads only fight over the same cores. libgomp reads
    // this when it loads, which is with Tesseract (the user's own setting wins).
    setenv("OMP_THREAD_LIMIT", "1", 0);
    state->handle = dlopen(MLIB_TESSERACT_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!state->handle) {
        const char *message = dlerror();
        strncpy(state->error, message ? message : "dlopen failed", sizeof state->error - 1);
        return;
    }
    // Leptonica, under Tesseract, prints its own errors ("Error in boxClipToRectangle")
    // to stderr on odd boxes it then handles: noise in `mlib index` output. Silence it
    // (L_SEVERITY_NONE); found through Tesseract's handle, which searches its dependencies.
    typedef int (*mlib_set_msg_severity_t)(int);
    mlib_set_msg_severity_t set_severity = (mlib_set_msg_severity_t)dlsym(state->handle, "setMsgSeverity");
    if (set_severity) set_severity(6);
}

/// The loaded library, or NULL; opened on the first call only.
static inline void *mlib_tesseract_handle(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, mlib_tesseract_open);
    return mlib_tesseract_state_storage()->handle;
}

/// NULL when Tesseract loaded; else the dynamic loader's reason it did not.
static inline const char *mlib_tesseract_load_error(void) {
    return mlib_tesseract_handle() ? NULL : mlib_tesseract_state_storage()->error;
}

/// Defines `mlib_NAME`, which calls Tesseract's NAME through a pointer looked up once;
/// `fallback` is returned when the library or the symbol is missing.
#define MLIB_TESSERACT_FUNCTION(type, name, fallback, parameters, arguments) \
    static inline type mlib_##name parameters { \
        typedef __typeof__(&name) mlib_##name##_t; \
        static mlib_##name##_t function; \
        mlib_##name##_t found = __atomic_load_n(&function, __ATOMIC_ACQUIRE); \
        if (!found) { \
            void *handle = mlib_tesseract_handle(); \
            found = handle ? (mlib_##name##_t)dlsym(handle, #name) : NULL; \
            if (!found) return fallback; \
            __atomic_store_n(&function, found, __ATOMIC_RELEASE); \
        } \
        return found arguments; \
    }

#define MLIB_TESSERACT_PROCEDURE(name, parameters, arguments) \
    static inline void mlib_##name parameters { \
        typedef __typeof__(&name) mlib_##name##_t; \
        static mlib_##name##_t function; \
        mlib_##name##_t found = __atomic_load_n(&function, __ATOMIC_ACQUIRE); \
        if (!found) { \
            void *handle = mlib_tesseract_handle(); \
            found = handle ? (mlib_##name##_t)dlsym(handle, #name) : NULL; \
            if (!found) return; \
            __atomic_store_n(&function, found, __ATOMIC_RELEASE); \
        } \
        found arguments; \
    }

MLIB_TESSERACT_FUNCTION(const char *, TessVersion, NULL, (void), ())
MLIB_TESSERACT_PROCEDURE(TessDeleteText, (const char *text), (text))

MLIB_TESSERACT_FUNCTION(TessBaseAPI *, TessBaseAPICreate, NULL, (void), ())
MLIB_TESSERACT_PROCEDURE(TessBaseAPIDelete, (TessBaseAPI *handle), (handle))
MLIB_TESSERACT_PROCEDURE(TessBaseAPIEnd, (TessBaseAPI *handle), (handle))
MLIB_TESSERACT_PROCEDURE(TessBaseAPIClear, (TessBaseAPI *handle), (handle))
MLIB_TESSERACT_FUNCTION(int, TessBaseAPIInit4, -1,
    (TessBaseAPI *handle, const char *datapath, const char *language, TessOcrEngineMode mode,
     char **configs, int configs_size, char **vars_vec, char **vars_values, size_t vars_vec_size,
     int set_only_non_debug_params),
    (handle, datapath, language, mode, configs, configs_size, vars_vec, vars_values, vars_vec_size,
     set_only_non_debug_params))
MLIB_TESSERACT_FUNCTION(int, TessBaseAPISetVariable, 0,
    (TessBaseAPI *handle, const char *name, const char *value), (handle, name, value))
MLIB_TESSERACT_PROCEDURE(TessBaseAPISetPageSegMode, (TessBaseAPI *handle, TessPageSegMode mode), (handle, mode))
MLIB_TESSERACT_PROCEDURE(TessBaseAPISetImage,
    (TessBaseAPI *handle, const unsigned char *data, int width, int height, int bytes_per_pixel, int bytes_per_line),
    (handle, data, width, height, bytes_per_pixel, bytes_per_line))
MLIB_TESSERACT_PROCEDURE(TessBaseAPISetSourceResolution, (TessBaseAPI *handle, int ppi), (handle, ppi))
MLIB_TESSERACT_FUNCTION(int, TessBaseAPIRecognize, -1, (TessBaseAPI *handle, ETEXT_DESC *monitor), (handle, monitor))
MLIB_TESSERACT_FUNCTION(TessResultIterator *, TessBaseAPIGetIterator, NULL, (TessBaseAPI *handle), (handle))

MLIB_TESSERACT_PROCEDURE(TessResultIteratorDelete, (TessResultIterator *handle), (handle))
MLIB_TESSERACT_FUNCTION(int, TessResultIteratorNext, 0,
    (TessResultIterator *handle, TessPageIteratorLevel level), (handle, level))
MLIB_TESSERACT_FUNCTION(char *, TessResultIteratorGetUTF8Text, NULL,
    (const TessResultIterator *handle, TessPageIteratorLevel level), (handle, level))
MLIB_TESSERACT_FUNCTION(float, TessResultIteratorConfidence, 0,
    (const TessResultIterator *handle, TessPageIteratorLevel level), (handle, level))
MLIB_TESSERACT_FUNCTION(const TessPageIterator *, TessResultIteratorGetPageIteratorConst, NULL,
    (const TessResultIterator *handle), (handle))
MLIB_TESSERACT_FUNCTION(int, TessPageIteratorIsAtBeginningOf, 0,
    (const TessPageIterator *handle, TessPageIteratorLevel level), (handle, level))

MLIB_TESSERACT_FUNCTION(ETEXT_DESC *, TessMonitorCreate, NULL, (void), ())
MLIB_TESSERACT_PROCEDURE(TessMonitorDelete, (ETEXT_DESC *monitor), (monitor))
MLIB_TESSERACT_PROCEDURE(TessMonitorSetDeadlineMSecs, (ETEXT_DESC *monitor, int deadline), (monitor, deadline))

#endif
