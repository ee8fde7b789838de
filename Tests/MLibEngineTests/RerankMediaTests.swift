import Foundation
import MLibCore
import MLibEngine
import MLibTestSupport
import Testing

/// `Engine.rerank` on pictures and videos outside the library: text in the pixels
/// counts without a picture model, a video's moment is where its evidence is, and a
/// picture model compares pictures with pictures.
@Suite(.serialized) struct RerankMediaTests {
    /// A copy of the fixture at `relative` under a name that says nothing, so only its
    /// content can match.
    static func copy(_ relative: String, as name: String, in fixture: EngineFixture) throws -> RawPath {
        let target = fixture.folder.path(name)
        try FileManager.default.copyItem(atPath: Fixtures.path(relative), toPath: target)
        return RawPath(target)
    }

    /// A 9-second video of a cat whose middle, from 3 to 6 s, shows a poster
    /// announcing a jazz night in Riverside Park.
    static func captionedVideo(in fixture: EngineFixture) throws -> RawPath {
        let target = fixture.folder.path("v1.mp4")
        let made = try ExternalTool.run("ffmpeg", [
            "-hide_banner", "-loglevel", "error", "-y",
            "-loop", "1", "-framerate", "5", "-t", "9", "-i", Fixtures.path("ocr/photo-chelsea.jpg"),
            "-loop", "1", "-framerate", "5", "-t", "9", "-i", Fixtures.path("ocr/poster.png"),
            "-filter_complex",
            "[0:v]scale=640:480,setsar=1[bg];[1:v]scale=640:480,setsar=1[fg];[bg][fg]overlay=enable='between(t,3,5.9)',format=yuv420p[v]",
            "-map", "[v]", "-t", "9", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-g", "5", target,
        ])
        try #require(made.status == 0, "ffmpeg: \(made.stderrString)")
        return RawPath(target)
    }

    static func rerank(_ request: RerankRequest, fixture: EngineFixture, cache: RerankCache = RerankCache()) throws -> RerankResponse {
        try Engine.rerank(request, modelsFolder: fixture.models, cache: cache)
    }

    @Test func aSignIsFoundByTheWordsOnItWithoutAPictureModel() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        let cat = try Self.copy("ocr/photo-chelsea.jpg", as: "a.jpg", in: fixture)
        let sign = try Self.copy("ocr/sign.jpg", as: "b.jpg", in: fixture)
        let answer = try Self.rerank(
            RerankRequest(query: .init(text: "parking on maple avenue"), documents: [.init(image: cat), .init(image: sign)]), fixture: fixture)
        #expect(answer.results.map(\.kind) == [.image, .image])
        #expect(answer.scores[1] > answer.scores[0], "\(answer.scores)")
        #expect((answer.results[1].components.first { $0.name == "coverage" }?.value ?? 0) > 0, "the sign's OCR text holds the words")
        #expect(answer.results.allSatisfy { ($0.components.first { $0.name == "picture" }?.value ?? 0) == 0 })
        #expect(answer.warnings.count == 1 && answer.warnings[0].contains("text only"), "\(answer.warnings)")
    }

    @Test func aVideosMomentIsWhereItsBurntInTextIs() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        let video = try Self.captionedVideo(in: fixture)
        let answer = try Self.rerank(
            RerankRequest(
                query: .init(text: "jazz night in riverside park"), documents: [.init(text: RerankTests.bread), .init(video: video, fps: 1)]),
            fixture: fixture)
        let result = answer.results[1]
        #expect(result.kind == .video && result.problem == nil)
        #expect(answer.scores[1] > answer.scores[0], "\(answer.scores)")
        let moment = try #require(result.moment)
        #expect(moment.start >= 2 && moment.end <= 7 && moment.start < moment.end, "\(moment)")
        #expect(moment.text?.lowercased().contains("jazz") == true, "the moment is the burnt-in text: \(moment)")
        #expect(answer.json["results"]?.arrayValue?[1]["evidence"]?["moment"]?["start"] != nil)
    }

    @Test func anImageQueryPutsTheSamePictureAboveAnother() throws {
        let fixture = try EnginePictureTests.picturesFixture(clip: true)
        defer { fixture.remove() }
        let other = try Self.copy("clip-images/rotated.jpg", as: "a.jpg", in: fixture)
        let same = try Self.copy("clip-images/photo.jpg", as: "b.jpg", in: fixture)
        let answer = try Self.rerank(
            RerankRequest(
                query: .init(image: RawPath(Fixtures.path("clip-images/photo.jpg"))),
                documents: [.init(image: other), .init(image: same), .init(text: RerankTests.bread)]),
            fixture: fixture)
        #expect(answer.warnings.isEmpty, "\(answer.warnings)")
        let pictures = answer.results.map { $0.components.first { $0.name == "picture" }?.value ?? 0 }
        #expect(pictures[1] > pictures[0] && pictures[2] == 0, "\(pictures)")
        #expect(answer.scores[1] > answer.scores[0] && answer.scores[1] > answer.scores[2], "\(answer.scores)")
    }

    @Test func aVideoJudgedByAPictureModelShowsItsClosestFramesWithinTheFrameBudget() throws {
        let fixture = try EnginePictureTests.picturesFixture(clip: true)
        defer { fixture.remove() }
        let video = try Self.captionedVideo(in: fixture)
        let answer = try Self.rerank(
            RerankRequest(query: .init(text: "a cat asleep"), documents: [.init(video: video)], maxFrames: 2), fixture: fixture)
        let frames = answer.results[0].topFrames
        #expect(!frames.isEmpty && frames.count <= 2, "at most max_frames frames are sampled: \(frames)")
        #expect(frames.map(\.similarity) == frames.map(\.similarity).sorted(by: >))
        #expect(frames.allSatisfy { (0..<9).contains($0.time) && (-1...1).contains($0.similarity) })
    }
}
