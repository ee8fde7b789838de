import Foundation
import MLibCore
import MLibTestSupport
import Testing
@testable import MLibInference

/// mlib's CLIP preprocessing against transformers' `CLIPImageProcessor` with Pillow.
///
/// The tolerance is zero: the resized bytes are Pillow's bit for bit, so every float
/// is transformers' float. (One 8-bit step after normalisation would be
/// 1 / 255 / std ≈ 0.0153; a failure reports the largest difference and how many
/// values differ, to tell an off-by-one rounding from a real fault.)
struct CLIPImagePreprocessorTests {
    /// One 8-bit step of the resized picture, after CLIP's normalisation (largest over channels).
    static let oneStep: Float = 1 / 255 / 0.26130258

    @Test(arguments: CLIPImageFixtures.caseNames)
    func matchesTransformers(_ name: String) throws {
        let testCase = try CLIPImageFixtures.testCase(name)
        let preprocessor = try CLIPImageFixtures.preprocessor(for: testCase)
        let image = try CLIPImageFixtures.picture(testCase.picture)
        let values = preprocessor.pixelValues(image)
        let expected = try CLIPImageFixtures.expectedValues(testCase, configuration: preprocessor.configuration)

        let size = preprocessor.outputSize(width: image.width, height: image.height)
        #expect([3, size.height, size.width] == testCase.shape)
        #expect(values.count == testCase.shape.reduce(1, *))
        #expect(expected.count == values.count)
        let (largest, differing) = difference(values, expected)
        #expect(differing == 0, "\(name): \(differing) of \(values.count) values differ, largest by \(largest)")
        #expect(largest <= Self.oneStep)
    }

    @Test func manifestListsTheCasesTested() throws {
        #expect(try CLIPImageFixtures.manifest().cases.map(\.name).sorted() == CLIPImageFixtures.caseNames.sorted())
    }

    @Test func aBatchIsItsPicturesOneAfterAnother() throws {
        let preprocessor = CLIPImagePreprocessor()
        let pictures = [try CLIPImageFixtures.picture("photo"), try CLIPImageFixtures.picture("tiny"), try CLIPImageFixtures.picture("gray")]
        let batch = try preprocessor.pixelValues(pictures)
        #expect(batch.count == 3 * 3 * 224 * 224)
        #expect(batch == pictures.flatMap { preprocessor.pixelValues($0) })
        #expect(try preprocessor.pixelValues([]) == [])
    }

    @Test func aBatchWithoutCropNeedsPicturesOfOneSize() throws {
        var configuration = CLIPImagePreprocessor.Configuration()
        configuration.cropsCentre = false
        let preprocessor = CLIPImagePreprocessor(configuration: configuration)
        #expect(preprocessor.fixedOutputSize == nil)
        let wide = RGBImage(width: 40, height: 20, filledWith: (10, 20, 30))
        let tall = RGBImage(width: 20, height: 40, filledWith: (10, 20, 30))
        #expect(try preprocessor.pixelValues([wide, wide]).count == 2 * 3 * 224 * 448)
        #expect(throws: InferenceError.self) { try preprocessor.pixelValues([wide, tall]) }
    }

    @Test func onePixelFillsTheCrop() {
        let preprocessor = CLIPImagePreprocessor()
        let values = preprocessor.pixelValues(RGBImage(width: 1, height: 1, filledWith: (200, 100, 50)))
        #expect(values.count == 3 * 224 * 224)
        let configuration = preprocessor.configuration
        for (channel, byte) in [200, 100, 50].enumerated() {
            let value = (Float(Double(byte) / 255) - configuration.mean[channel]) / configuration.standardDeviation[channel]
            #expect(values[(channel * 224 * 224)..<((channel + 1) * 224 * 224)].allSatisfy { $0 == value })
        }
    }

    @Test func extremeAspectRatiosGiveTheCrop() {
        let preprocessor = CLIPImagePreprocessor()
        for (width, height) in [(10_000, 3), (3, 10_000), (1, 500), (500, 1)] {
            let image = RGBImage(width: width, height: height, filledWith: (0, 128, 255))
            let values = preprocessor.pixelValues(image)
            #expect(values.count == 3 * 224 * 224, "\(width)×\(height)")
            // A flat picture stays flat through any resize.
            #expect(Set(values).count == 3, "\(width)×\(height)")
        }
    }

    @Test func outputSizesFollowTransformersArithmetic() {
        typealias Preprocessor = CLIPImagePreprocessor
        #expect(Preprocessor.resizedSize(width: 4000, height: 3000, to: .shortestEdge(224)) == (298, 224))
        #expect(Preprocessor.resizedSize(width: 3000, height: 4000, to: .shortestEdge(224)) == (224, 298))
        #expect(Preprocessor.resizedSize(width: 451, height: 300, to: .shortestEdge(224)) == (336, 224))
        #expect(Preprocessor.resizedSize(width: 10_000, height: 3, to: .shortestEdge(224)) == (746_666, 224))
        #expect(Preprocessor.resizedSize(width: 300, height: 300, to: .shortestEdge(224)) == (224, 224))
        #expect(Preprocessor.resizedSize(width: 7, height: 5, to: .exact(height: 10, width: 20)) == (20, 10))
        #expect(Preprocessor.cropStart(length: 336, crop: 224) == 56)
        #expect(Preprocessor.cropStart(length: 225, crop: 224) == 0)
        #expect(Preprocessor.cropStart(length: 100, crop: 128) == -14)
        #expect(Preprocessor.cropStart(length: 5, crop: 16) == -6)
        #expect(CLIPImagePreprocessor().fixedOutputSize! == (224, 224))
    }
}
