import COpenBLAS

/// The one place that calls into OpenBLAS, so the rest of the module never touches C.
///
/// All matrices are row-major. OpenBLAS's own threads are safe to enter from several
/// Swift threads at once (the Debian pthread build serialises its buffers itself).
enum BLAS {
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
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda), b, blasint(ldb),
            beta, c, blasint(ldc)
        )
    }
}
