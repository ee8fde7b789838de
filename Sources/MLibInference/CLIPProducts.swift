import Dispatch
import Foundation

/// The CLIP towers' linear layers on BLAS, with products of a few rows (one image,
/// one query, the pooled rows of the last layer) cut into narrow column blocks.
///
/// OpenBLAS packs both operands of every product before multiplying, so a query's
/// ten rows times a 512 × 2048 weight spend most of their time copying the weight.
/// Its SkylakeX-family kernels (SkylakeX, Cooperlake, SapphireRapids cores) also
/// have small-matrix kernels that read the operands in place, used for products of
/// at most 10⁶ multiply-adds; cutting the weight into blocks of 4–32 output columns
/// brings a few rows' products under that size. Measured on a Cooperlake-kernel
/// machine, one thread: 10 rows × (2048 → 512) 0.43 ms instead of 0.97, 10 rows ×
/// (512 → 2048) 0.58 instead of 0.79, 50 rows × (768 → 3072) 3.0 instead of 3.6. Other
/// builds would pay for many packed calls instead, so blocks are only used where
/// OpenBLAS names one of those cores. The small-matrix kernels run on the calling
/// thread, so the blocks are shared out over as many threads as OpenBLAS would use.
enum CLIPProducts {
    /// Rows up to which a product is cut into blocks.
    static let largestBlockedRows = 64
    /// OpenBLAS's limit on multiply-adds for its small-matrix kernels.
    static let smallProductLimit = 1_000_000

    /// Whether the loaded OpenBLAS runs a SkylakeX-family core, which has the
    /// small-matrix kernels (asked of OpenBLAS itself, already loaded by `BLAS`).
    static let hasSmallKernels: Bool = {
        guard BLAS.isAvailable, let handle = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_NOLOAD) ?? dlopen("libopenblas.so", RTLD_NOW | RTLD_NOLOAD),
              let symbol = dlsym(handle, "openblas_get_corename")
        else { return false }
        typealias CoreName = @convention(c) () -> UnsafePointer<CChar>?
        guard let name = unsafeBitCast(symbol, to: CoreName.self)() else { return false }
        let core = String(cString: name).lowercased()
        return ["skylakex", "cooperlake", "sapphirerapids"].contains(core)
    }()

    /// The threads OpenBLAS uses for a product (`OPENBLAS_NUM_THREADS`, else the cores).
    static let threadCount: Int = {
        guard BLAS.isAvailable, let handle = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_NOLOAD) ?? dlopen("libopenblas.so", RTLD_NOW | RTLD_NOLOAD),
              let symbol = dlsym(handle, "openblas_get_num_threads")
        else { return 1 }
        typealias ThreadCount = @convention(c) () -> Int32
        return max(1, Int(unsafeBitCast(symbol, to: ThreadCount.self)()))
    }()

    /// Output columns per product for `rows` rows of `inFeatures`, or nil for one product.
    static func blockWidth(rows: Int, inFeatures: Int) -> Int? {
        guard rows <= largestBlockedRows, hasSmallKernels else { return nil }
        return [32, 16, 8, 4].first { rows * $0 * inFeatures <= smallProductLimit }
    }

    /// `output = input · weightᵀ + bias`, or with `accumulating`,
    /// `output += input · weightᵀ + bias` (a residual added in the same pass).
    ///
    /// Output rows are `outputStride` floats apart (default `outFeatures`), so
    /// several projections can fill the column blocks of one wider matrix.
    static func apply(
        _ linear: LinearLayer, input: UnsafePointer<Float>, rows: Int, output: UnsafeMutablePointer<Float>,
        outputStride: Int? = nil, accumulating: Bool = false
    ) {
        apply(weight: linear.weight, bias: linear.bias, input: input, rows: rows, output: output, outputStride: outputStride, accumulating: accumulating)
    }

    /// The same for a weight (`[outFeatures, inFeatures…]`, trailing axes flattened)
    /// and an optional bias that are not a `LinearLayer`.
    static func apply(
        weight: Weight, bias: Weight?, input: UnsafePointer<Float>, rows: Int, output: UnsafeMutablePointer<Float>,
        outputStride: Int? = nil, accumulating: Bool = false
    ) {
        guard rows > 0 else { return }
        let outFeatures = weight.shape[0]
        let inFeatures = weight.count / max(outFeatures, 1)
        let stride = outputStride ?? outFeatures
        if let bias {
            bias.withPointer { bias in
                for row in 0..<rows {
                    let line = output + row * stride
                    if accumulating {
                        for column in 0..<outFeatures { line[column] += bias[column] }
                    } else {
                        line.update(from: bias, count: outFeatures)
                    }
                }
            }
        }
        let beta: Float = bias != nil || accumulating ? 1 : 0
        weight.withPointer { weight in
            let width = blockWidth(rows: rows, inFeatures: inFeatures) ?? outFeatures
            let blocks = (outFeatures + width - 1) / width
            let job = BlockedProduct(
                input: input, weight: weight, output: output, rows: rows, inFeatures: inFeatures, outFeatures: outFeatures,
                stride: stride, beta: beta, width: width, blocks: blocks, parts: min(threadCount, blocks))
            if job.parts > 1 {
                DispatchQueue.concurrentPerform(iterations: job.parts) { job.run(part: $0) }
            } else {
                job.run(part: 0)
            }
        }
    }

    /// One product cut into column blocks, shared out in `parts` runs of blocks.
    ///
    /// `@unchecked Sendable` because the threads running the parts only read `input`
    /// and `weight` and each writes its own columns of `output`, which the caller
    /// keeps alive and leaves alone until every part has returned.
    private struct BlockedProduct: @unchecked Sendable {
        let input: UnsafePointer<Float>
        let weight: UnsafePointer<Float>
        let output: UnsafeMutablePointer<Float>
        let rows: Int
        let inFeatures: Int
        let outFeatures: Int
        let stride: Int
        let beta: Float
        let width: Int
        let blocks: Int
        let parts: Int

        func run(part: Int) {
            for block in (part * blocks / parts)..<((part + 1) * blocks / parts) {
                let first = block * width
                BLAS.sgemm(
                    transposeB: true, m: rows, n: min(width, outFeatures - first), k: inFeatures,
                    a: input, lda: inFeatures, b: weight + first * inFeatures, ldb: inFeatures,
                    beta: beta, c: output + first, ldc: stride)
            }
        }
    }
}
