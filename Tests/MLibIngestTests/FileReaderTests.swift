import Foundation
import MLibCore
@testable import MLibIngest
import MLibMedia
import MLibStore
import MLibTestSupport
import Testing

/// Reading one file into a record: typing, failures, fingerprints.
@Suite struct FileReaderTests {
    @Test func aFileThatVanishesBeforeItIsReadBecomesAFailureNotACrash() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let job = IndexJob(
            path: RawPath(folder.path("gone.md")),
            state: FileState(size: 5, modificationTimeNanoseconds: 1, inode: 1, device: 1))
        let record = try #require(FileReader.record(for: job, extractor: MediaExtractor()))
        guard case .failed(let code, let reason, let kind) = record.outcome else {
            Issue.record("expected a failure")
            return
        }
        #expect(code == "vanished")
        #expect(reason.contains("gone.md"))
        #expect(kind == .text)
    }

    @Test func filesOfOtherTypesAreSkippedUnlessTheirNamePromisesMedia() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let bytes = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        try bytes.write(to: URL(fileURLWithPath: folder.path("blob.bin")))
        try bytes.write(to: URL(fileURLWithPath: folder.path("blob.mp4")))
        let state = FileState(size: 4096, modificationTimeNanoseconds: 1, inode: 1, device: 1)
        #expect(FileReader.record(for: IndexJob(path: RawPath(folder.path("blob.bin")), state: state), extractor: MediaExtractor()) == nil)
        let promised = FileReader.record(for: IndexJob(path: RawPath(folder.path("blob.mp4")), state: state), extractor: MediaExtractor())
        guard case .failed(_, _, let kind)? = promised?.outcome else {
            Issue.record("random bytes named .mp4 must be a failure")
            return
        }
        #expect(kind == .video)
    }

    @Test func contentHashesFollowContentNotNames() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try Data("same".utf8).write(to: URL(fileURLWithPath: folder.path("a")))
        try Data("same".utf8).write(to: URL(fileURLWithPath: folder.path("b")))
        try Data("different".utf8).write(to: URL(fileURLWithPath: folder.path("c")))
        let a = ContentHasher.hash(RawPath(folder.path("a")))
        #expect(a == "0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5")
        #expect(a == ContentHasher.hash(RawPath(folder.path("b"))))
        #expect(a != ContentHasher.hash(RawPath(folder.path("c"))))
    }
}
