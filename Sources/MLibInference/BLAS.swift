import COpenBLAS

/// The one place that calls into OpenBLAS, so the rest of the module never touches C.
///
/// All matrices are row-major. OpenBLAS's own threads are safe to enter from several
/// Swift threads at once (the Debian pthread build serialises its buffers itself).
enum BLAS {
    /// Whether OpenBLAS could be loaded (it is loaded on first use).
    static var isAvailable: Bool { mlib_openblas_available() != 0 }

    /// `c = alpha · op(a) · op(b) + beta · c`, with `op` an optional transpose.
    ///
    /// `m × k` is the shape of `op(a)`, `k × n` that of `op(b)`; the leading dimensions
    /// are the row strides of the matrices as stored, which lets callers work on
    /// column slices (one attention head inside a wider activation) without copying.
    @inline(__always)
    static func sgemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        mlib_cblas_sgemm(
            Int32(MLIB_CBLAS_ROW_MAJOR),
            Int32(transposeA ? MLIB_CBLAS_TRANS : MLIB_CBLAS_NO_TRANS),
            Int32(transposeB ? MLIB_CBLAS_TRANS : MLIB_CBLAS_NO_TRANS),
            Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb),
            beta, c, Int32(ldc)
        )
    }
}
