import Foundation
import MLibTestSupport
import Testing
@testable import MLibInference

/// Reading `preprocessor_config.json` as transformers reads it.
struct CLIPImagePreprocessorConfigurationTests {
    typealias Configuration = CLIPImagePreprocessor.Configuration

    private func read(_ json: String) throws(InferenceError) -> Configuration {
        try Configuration(json: Data(json.utf8), path: "/models/clip/preprocessor_config.json")
    }

    @Test func openAIsFileGivesTheDefaults() throws {
        // openai/clip-vit-base-patch32's file as published (older keys included).
        let published = """
            {"crop_size": 224, "do_center_crop": true, "do_normalize": true, "do_resize": true,
             "feature_extractor_type": "CLIPFeatureExtractor",
             "image_mean": [0.48145466, 0.4578275, 0.40821073], "image_std": [0.26862954, 0.26130258, 0.27577711],
             "resample": 3, "size": 224}
            """
        #expect(try read(published) == Configuration())
        #expect(try read("{}") == Configuration())
    }

    @Test func sizesInEveryForm() throws {
        #expect(try read(#"{"size": {"shortest_edge": 336}}"#).size == .shortestEdge(336))
        #expect(try read(#"{"size": {"shortest_edge": 336, "longest_edge": null}}"#).size == .shortestEdge(336))
        #expect(try read(#"{"size": {"height": 100, "width": 50}}"#).size == .exact(height: 100, width: 50))
        #expect(try read(#"{"size": [100, 50]}"#).size == .exact(height: 100, width: 50))
        let crop = try read(#"{"crop_size": {"height": 64, "width": 32}}"#)
        #expect(crop.cropHeight == 64 && crop.cropWidth == 32)
        let square = try read(#"{"crop_size": 336}"#)
        #expect(square.cropHeight == 336 && square.cropWidth == 336)
    }

    @Test func otherSettings() throws {
        let settings = try read("""
            {"resample": 2, "do_rescale": false, "rescale_factor": 0.5, "do_normalize": false,
             "image_mean": 0.5, "image_std": [0.1, 0.2, 0.3], "do_center_crop": false, "do_resize": false, "do_convert_rgb": false}
            """)
        #expect(settings.resampling == .bilinear)
        #expect(!settings.rescales && settings.rescaleFactor == 0.5 && !settings.normalises)
        #expect(settings.mean == [0.5, 0.5, 0.5])
        #expect(settings.standardDeviation == [Float(0.1 as Double), Float(0.2 as Double), Float(0.3 as Double)])
        #expect(!settings.cropsCentre && !settings.resizes && !settings.convertsToRGB)
    }

    @Test func bilinearFolderMatchesTransformers() throws {
        // The fixture folder transformers itself read (see CLIPImagePreprocessorTests).
        let preprocessor = try CLIPImagePreprocessor(folder: CLIPImageFixtures.path("configurations/bilinear"))
        #expect(preprocessor.configuration.resampling == .bilinear)
        #expect(preprocessor.configuration.size == .shortestEdge(160))
        #expect(preprocessor.fixedOutputSize! == (128, 128))
    }

    @Test func aFolderWithoutTheFileUsesCLIPsSettings() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(try CLIPImagePreprocessor(folder: directory.path).configuration == Configuration())
    }

    @Test(arguments: [
        (#"{"resample": 1}"#, InferenceError.Code.unsupported),
        (#"{"size": {"shortest_edge": 224, "longest_edge": 448}}"#, .unsupported),
        (#"{"size": {"max_height": 224, "max_width": 224}}"#, .unsupported),
        (#"{"crop_size": {"shortest_edge": 224}}"#, .unsupported),
        (#"{"image_mean": [0.5, 0.5]}"#, .malformed),
        (#"{"image_std": [0.5, 0, 0.5]}"#, .malformed),
        (#"{"size": 0}"#, .malformed),
        (#"{"crop_size": -3}"#, .malformed),
        (#"{"do_resize": "yes"}"#, .malformed),
        (#"[224]"#, .malformed),
        ("not json", .malformed),
    ])
    func refusesWhatItCannotRun(json: String, code: InferenceError.Code) {
        #expect {
            try read(json)
        } throws: { error in
            guard let error = error as? InferenceError else { return false }
            return error.code == code && error.path == "/models/clip/preprocessor_config.json" && !error.message.isEmpty
        }
    }

    @Test func aDamagedFileNamesItself() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try "{\"size\": ".write(toFile: directory.path("preprocessor_config.json"), atomically: true, encoding: .utf8)
        #expect {
            try CLIPImagePreprocessor(folder: directory.path)
        } throws: { error in
            (error as? InferenceError)?.description.contains("preprocessor_config.json") == true
        }
    }
}
