import Foundation
import MLibCore
import MLibTestSupport
import MLibWatch
import Testing

@Suite struct DirectoryWalkerTests {
    func walk(_ root: String) throws -> (files: [String], problems: [String]) {
        var files: [String] = []
        var problems: [String] = []
        try DirectoryWalker().walk(RawPath(root)) { entry in
            switch entry {
            case .file(let path, _): files.append(path.string)
            case .problem(let path, let code, _): problems.append(path.fileName + ":" + code)
            }
        }
        return (files, problems)
    }

    @Test func hiddenEntriesAndSidecarsAreSkippedAndLoopsEnd() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder.path("a/.hidden"), withIntermediateDirectories: true)
        for name in ["a/note.md", "a/.dot.md", "a/.hidden/in.md", "a/photo.jpg", "a/photo.xmp", "a/clip.srt"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path(name)))
        }
        try manager.createSymbolicLink(atPath: folder.path("a/up"), withDestinationPath: folder.path)
        try manager.createSymbolicLink(atPath: folder.path("a/self"), withDestinationPath: folder.path("a/self"))
        let result = try walk(folder.path)
        #expect(result.files == [folder.path("a/note.md"), folder.path("a/photo.jpg")])
        #expect(result.problems == ["self:symlink-loop"])
    }

    @Test func aFileRootIsReportedAndAMissingRootThrows() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path("one.txt")))
        #expect(try walk(folder.path("one.txt")).files == [folder.path("one.txt")])
        #expect(throws: WalkError.self) { try walk(folder.path("missing")) }
    }
}
