import Testing
@testable import MLibInference

/// Whether every element of `actual` is within `tolerance` of `expected`.
func close(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-5) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) <= tolerance }
}

struct TensorTests {
    struct Products {
        @Test func matmulOfTwoMatrices() {
            let a = Tensor(shape: [2, 3], storage: [1, 2, 3, 4, 5, 6])
            let b = Tensor(shape: [3, 2], storage: [7, 8, 9, 10, 11, 12])
            let c = a.matmul(b)
            #expect(c.shape == [2, 2])
            #expect(c.storage == [58, 64, 139, 154])
        }

        @Test func matmulReadsTheOtherSideTransposed() {
            let a = Tensor(shape: [2, 3], storage: [1, 2, 3, 4, 5, 6])
            let bTransposed = Tensor(shape: [2, 3], storage: [7, 9, 11, 8, 10, 12])
            #expect(a.matmul(bTransposed, transposingOther: true).storage == [58, 64, 139, 154])
        }

        @Test func batchedMatmulMultipliesEachEntryByItsOwnMatrix() {
            let a = Tensor(shape: [2, 1, 2], storage: [1, 2, 3, 4])
            let b = Tensor(shape: [2, 2, 1], storage: [10, 100, -1, 1])
            let c = a.matmul(b)
            #expect(c.shape == [2, 1, 1])
            #expect(c.storage == [210, 1])
        }

        @Test func batchedMatmulSharesA2DRightSide() {
            let a = Tensor(shape: [2, 1, 2], storage: [1, 2, 3, 4])
            let b = Tensor(shape: [2, 2], storage: [1, 0, 0, 2])
            #expect(a.matmul(b).storage == [1, 4, 3, 8])
            #expect(a.matmul(b).shape == [2, 1, 2])
        }

        @Test func linearUsesPyTorchWeightLayoutAndAddsBias() {
            // y = x · Wᵀ + b with W stored [out = 3, in = 2].
            let x = Tensor(shape: [2, 2], storage: [1, 2, 3, 4])
            let w = Tensor(shape: [3, 2], storage: [1, 0, 0, 1, 1, 1])
            let b = Tensor(shape: [3], storage: [0.5, -1, 10])
            let y = x.linear(weight: w, bias: b)
            #expect(y.shape == [2, 3])
            #expect(y.storage == [1.5, 1, 13, 3.5, 3, 17])
            #expect(x.linear(weight: w).storage == [1, 2, 3, 3, 4, 7])
        }

        @Test func linearKeepsLeadingAxes() {
            let x = Tensor(shape: [2, 2, 2], storage: [1, 2, 3, 4, 5, 6, 7, 8])
            let w = Tensor(shape: [1, 2], storage: [1, -1])
            let y = x.linear(weight: w)
            #expect(y.shape == [2, 2, 1])
            #expect(y.storage == [-1, -1, -1, -1])
        }
    }

    struct ElementWise {
        @Test func addBroadcastsABiasOverRows() {
            let x = Tensor(shape: [2, 3], storage: [1, 2, 3, 4, 5, 6])
            #expect((x + Tensor(shape: [3], storage: [10, 20, 30])).storage == [11, 22, 33, 14, 25, 36])
            #expect(x.adding(x).storage == [2, 4, 6, 8, 10, 12])
            #expect(x.scaled(by: 0.5).storage == [0.5, 1, 1.5, 2, 2.5, 3])
        }

        // Expected values from numpy (float64), rounded to 7 places.
        static let inputs: [Float] = [-3, -1, -0.5, 0, 0.5, 1, 3]

        @Test func geluErfForm() {
            let y = Tensor(shape: [7], storage: Self.inputs).applying(.gelu)
            #expect(close(y.storage, [-0.0040497, -0.1586553, -0.1542688, 0, 0.3457312, 0.8413447, 2.9959503]))
        }

        @Test func geluTanhForm() {
            let y = Tensor(shape: [7], storage: Self.inputs).applying(.geluTanh)
            #expect(close(y.storage, [-0.0036374, -0.158808, -0.154286, 0, 0.345714, 0.841192, 2.9963626]))
        }

        @Test func quickGELU() {
            let y = Tensor(shape: [7], storage: Self.inputs).applying(.quickGELU)
            #expect(close(y.storage, [-0.0180713, -0.1542042, -0.1496116, 0, 0.3503884, 0.8457958, 2.9819287]))
        }

        @Test func reluAndSingleValuesAgreeWithBuffers() {
            #expect(Tensor(shape: [7], storage: Self.inputs).applying(.relu).storage == [0, 0, 0, 0, 0.5, 1, 3])
            for activation in Activation.allCases {
                let buffer = Tensor(shape: [7], storage: Self.inputs).applying(activation).storage
                #expect(close(buffer, Self.inputs.map { activation($0) }, tolerance: 0))
            }
        }

        @Test func huggingFaceActivationNames() {
            #expect(Activation(huggingFaceName: "gelu") == .gelu)
            #expect(Activation(huggingFaceName: "gelu_new") == .geluTanh)
            #expect(Activation(huggingFaceName: "gelu_pytorch_tanh") == .geluTanh)
            #expect(Activation(huggingFaceName: "quick_gelu") == .quickGELU)
            #expect(Activation(huggingFaceName: "relu") == .relu)
            #expect(Activation(huggingFaceName: "swish") == nil)
        }
    }

    struct Normalisation {
        @Test func softmaxOverLastAxis() {
            let y = Tensor(shape: [2, 3], storage: [1, 2, 3, 1001, 1002, 1003]).softmax()
            let expected: [Float] = [0.09003057, 0.24472847, 0.66524096]
            #expect(close(y.storage, expected + expected))
        }

        @Test func softmaxMaskRemovesKeysForEveryRow() {
            let mask = Tensor(shape: [3], storage: [0, 0, -Float.greatestFiniteMagnitude])
            let y = Tensor(shape: [2, 3], storage: [1, 2, 3, 1, 2, 3]).softmax(additiveMask: mask)
            #expect(close(y.storage, [0.26894142, 0.73105858, 0, 0.26894142, 0.73105858, 0]))
        }

        @Test func softmaxTakesASquareCausalMask() {
            let never = -Float.greatestFiniteMagnitude
            let causal = Tensor(shape: [2, 2], storage: [0, never, 0, 0])
            let y = Tensor(shape: [1, 2, 2], storage: [5, 1, 0, 0]).softmax(additiveMask: causal)
            #expect(close(y.storage, [1, 0, 0.5, 0.5]))
        }

        @Test func fullyMaskedRowIsUniformNotNaN() {
            let never = -Float.greatestFiniteMagnitude
            let y = Tensor(shape: [1, 2], storage: [1, 1]).softmax(additiveMask: Tensor(shape: [2], storage: [never, never]))
            #expect(y.storage == [0.5, 0.5])
        }

        @Test func layerNormMatchesNumpy() {
            let x = Tensor(shape: [2, 4], storage: [1, 2, 3, 4, 2, -1, 0.5, 8])
            let y = x.layerNorm(
                weight: Tensor(shape: [4], storage: [1, 0.5, 2, -1]),
                bias: Tensor(shape: [4], storage: [0, 1, 0, 0.1]),
                epsilon: 1e-5
            )
            #expect(close(y.storage, [-1.34163542, 0.7763941, 0.89442361, -1.24163542, -0.10976421, 0.50606104, -1.09764213, -1.54646319]))
        }

        @Test func l2NormalizationGivesUnitRowsAndKeepsZeroRows() {
            let y = Tensor(shape: [2, 2], storage: [3, 4, 0, 0]).l2Normalized()
            #expect(close(y.storage, [0.6, 0.8, 0, 0], tolerance: 1e-7))
        }
    }

    struct LookupAndPooling {
        @Test func embeddingLookupGathersRows() {
            let table = Tensor(shape: [3, 2], storage: [0, 1, 10, 11, 20, 21])
            let rows = table.embeddingLookup([2, 0, 2])
            #expect(rows.shape == [3, 2])
            #expect(rows.storage == [20, 21, 0, 1, 20, 21])
        }

        // Two texts of three positions, hidden 2; the second has one padding token.
        static let states = Tensor(shape: [2, 3, 2], storage: [1, 2, 3, 4, 5, 0, 7, -8, 9, 10, 100, 100])
        static let mask: [Int32] = [1, 1, 1, 1, 1, 0]

        @Test func meanPoolingIgnoresPadding() {
            let pooled = Self.states.meanPooled(mask: Self.mask)
            #expect(pooled.shape == [2, 2])
            #expect(close(pooled.storage, [3, 2, 8, 1]))
        }

        @Test func meanPoolingOfAnEmptyTextIsZero() {
            #expect(Self.states.meanPooled(mask: [0, 0, 0, 1, 0, 0]).storage == [0, 0, 7, -8])
        }

        @Test func maxPoolingIgnoresPadding() {
            #expect(Self.states.maxPooled(mask: Self.mask).storage == [5, 4, 9, 10])
        }

        @Test func clsAndEndOfTextPooling() {
            #expect(Self.states.clsPooled().storage == [1, 2, 7, -8])
            #expect(Self.states.pooledRows(at: [2, 1]).storage == [5, 0, 9, 10])
        }

        @Test func rowArraysSplitTheLastAxis() {
            #expect(Tensor(shape: [2, 2], storage: [1, 2, 3, 4]).rowArrays() == [[1, 2], [3, 4]])
        }
    }
}
