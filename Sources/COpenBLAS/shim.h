#ifndef MLIB_COPENBLAS_SHIM_H
#define MLIB_COPENBLAS_SHIM_H

#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>

// The three CBLAS constants mlib passes, with the values every CBLAS defines (cblas.h
// itself lives in a folder that depends on the BLAS build installed).
enum { MLIB_CBLAS_ROW_MAJOR = 101, MLIB_CBLAS_NO_TRANS = 111, MLIB_CBLAS_TRANS = 112 };

// OpenBLAS is loaded on first use (dlopen), not when mlib starts: its worker threads
// start spinning as soon as it loads, which a search that needs no model should not
// pay for. The module links nothing; Swift calls `mlib_cblas_sgemm`.

/// The cblas_sgemm of OpenBLAS, looked up once; NULL when OpenBLAS cannot be loaded.
static inline void *mlib_openblas_sgemm(void) {
    static void *function;
    void *found = __atomic_load_n(&function, __ATOMIC_ACQUIRE);
    if (!found) {
        // Idle worker threads sleep at once instead of spinning for ~0.1 s after each
        // product, which would take a core from the vector scan that follows a query
        // (the user's own setting wins).
        setenv("OPENBLAS_THREAD_TIMEOUT", "4", 0);
        void *handle = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
        if (!handle) handle = dlopen("libopenblas.so", RTLD_NOW | RTLD_LOCAL);
        found = handle ? dlsym(handle, "cblas_sgemm") : NULL;
        if (found) __atomic_store_n(&function, found, __ATOMIC_RELEASE);
    }
    return found;
}

/// Whether OpenBLAS could be loaded.
static inline int mlib_openblas_available(void) { return mlib_openblas_sgemm() != NULL; }

/// cblas_sgemm through the pointer above; does nothing when OpenBLAS is missing
/// (callers check `mlib_openblas_available` before running a model).
static inline void mlib_cblas_sgemm(
    int order, int transposeA, int transposeB,
    int m, int n, int k, float alpha, const float *a, int lda, const float *b, int ldb,
    float beta, float *c, int ldc) {
    // Debian's OpenBLAS takes 32-bit `blasint` and plain-int enums.
    typedef void (*sgemm_t)(int, int, int, int, int, int,
        float, const float *, int, const float *, int, float, float *, int);
    sgemm_t sgemm = (sgemm_t)mlib_openblas_sgemm();
    if (sgemm) sgemm(order, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

#endif
