import Foundation
import MLibCore
import MLibTestSupport
import MLibWatch
import Testing

#if canImport(Glibc)
import Glibc
#endif

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

    @Test func aLinkToAFolderInsideTheTreeIsNotFollowedButOneOutsideIs() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let outside = try TemporaryDirectory()
        defer { outside.remove() }
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder.path("zoo"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path("zoo/otter.txt")))
        try Data("x".utf8).write(to: URL(fileURLWithPath: outside.path("drive.txt")))
        // "animals" sorts before "zoo": were the link followed, the file would be
        // reported under it, and the real folder skipped as seen.
        try manager.createSymbolicLink(atPath: folder.path("animals"), withDestinationPath: folder.path("zoo"))
        try manager.createSymbolicLink(atPath: folder.path("disk"), withDestinationPath: outside.path)
        #expect(try walk(folder.path).files == [folder.path("disk/drive.txt"), folder.path("zoo/otter.txt")])

        // Walking a subfolder of an indexed tree: links into the rest of the tree are
        // left to that part's own walk.
        try manager.createDirectory(atPath: folder.path("sub"), withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: folder.path("sub/pets"), withDestinationPath: folder.path("zoo"))
        var files: [String] = []
        try DirectoryWalker(trees: [RawPath(folder.path)]).walk(RawPath(folder.path("sub"))) { entry in
            if case .file(let path, _) = entry { files.append(path.string) }
        }
        #expect(files.isEmpty)
    }

    @Test func aFileRootIsReportedAndAMissingRootThrows() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path("one.txt")))
        #expect(try walk(folder.path("one.txt")).files == [folder.path("one.txt")])
        #expect(throws: WalkError.self) { try walk(folder.path("missing")) }
    }

    @Test func filesBeyondPathMaxAreProblemsAndTheirFolderRulesStillApply() throws {
        let folder = try TemporaryDirectory()
        defer { DeepFolders.remove(folder.path) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path("near.txt")))
        let deep = try DeepFolders(
            under: folder.path, depth: 21,
            files: ["deep.txt": "x", "skip.txt": "x", "deep.xmp": "x", ".mlibignore": "skip.txt\n"],
            links: ["loop": "loop"])
        #expect(deep.path.count > Int(PATH_MAX))
        let result = try walk(folder.path)
        #expect(result.files == [folder.path("near.txt")])
        #expect(result.problems == ["deep.txt:path-too-long", "loop:symlink-loop"])
    }

    /// Creates `path` (and its folders) holding `contents`, by raw bytes.
    static func write(_ path: RawPath, _ contents: [UInt8] = Array("x".utf8)) {
        var folder = path.parent
        var missing: [RawPath] = []
        while folder.withCString({ access($0, F_OK) }) != 0 {
            missing.append(folder)
            folder = folder.parent
        }
        for folder in missing.reversed() {
            precondition(folder.withCString { mkdir($0, 0o755) } == 0, "cannot create folder \(folder)")
        }
        let fd = path.withCString { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        precondition(fd >= 0, "cannot create \(path)")
        _ = contents.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    /// The files a walk of `root` reports, relative to `base`, as raw bytes.
    func walkedFiles(_ root: RawPath, under base: RawPath, ignoring: inout IgnoreLookup) throws -> [[UInt8]] {
        var files: [[UInt8]] = []
        try DirectoryWalker().walk(root, ignoring: &ignoring) { entry in
            if case .file(let path, _) = entry { files.append(Array(path.bytes.dropFirst(base.bytes.count + 1))) }
        }
        return files
    }

    func walkedFiles(_ root: RawPath, under base: RawPath) throws -> [String] {
        var ignoring = IgnoreLookup()
        return try walkedFiles(root, under: base, ignoring: &ignoring).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A tree with a `.mlibignore` at its top and a nested one re-including a file.
    func makeIgnoreTree() throws -> (TemporaryDirectory, RawPath) {
        let folder = try TemporaryDirectory()
        let root = RawPath(folder.path)
        Self.write(root.appending(component: ".mlibignore"), Array("# logs and caches\n*.log\ncache/\n".utf8))
        Self.write(RawPath(folder.path("sub/.mlibignore")), Array("!keep.log\n".utf8))
        for name in [
            "a.jpg", "b.log", "cache/x.jpg", "cache/deep/y.jpg", "sub/keep.log", "sub/other.log", "sub/c.jpg",
            "sub/cache/z.jpg", "notcache/w.jpg",
        ] {
            Self.write(RawPath(folder.path(name)))
        }
        return (folder, root)
    }

    @Test func rulesFilesExcludeFilesAndFoldersAndANestedFileReIncludes() throws {
        let (folder, root) = try makeIgnoreTree()
        defer { folder.remove() }
        #expect(try walkedFiles(root, under: root) == ["a.jpg", "notcache/w.jpg", "sub/c.jpg", "sub/keep.log"])
    }

    @Test func aRuleFileAboveTheWalkedFolderStillApplies() throws {
        let (folder, root) = try makeIgnoreTree()
        defer { folder.remove() }
        let sub = root.appending(component: "sub")
        #expect(try walkedFiles(sub, under: root) == ["sub/c.jpg", "sub/keep.log"])
    }

    @Test func anIgnoredRootYieldsNothingButAHiddenRootNamedExplicitlyIsWalked() throws {
        let (folder, root) = try makeIgnoreTree()
        defer { folder.remove() }
        #expect(try walkedFiles(root.appending(component: "cache"), under: root).isEmpty)
        #expect(try walkedFiles(RawPath(folder.path("cache/deep")), under: root).isEmpty)
        #expect(try walkedFiles(root.appending(component: "b.log"), under: root).isEmpty)
        #expect(try walkedFiles(RawPath(folder.path("sub/keep.log")), under: root) == ["sub/keep.log"])

        Self.write(RawPath(folder.path(".photos/p.jpg")))
        Self.write(RawPath(folder.path(".photos/.thumbs/t.jpg")))
        #expect(try walkedFiles(RawPath(folder.path(".photos")), under: root) == [".photos/p.jpg"])
    }

    @Test func temporaryNamesAreSkipped() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let root = RawPath(folder.path)
        for name in ["film.mkv.part", "notes.md~", ".notes.md.swp", "notes.md.swp", "#draft.org#", "dl.crdownload", "keep.md"] {
            Self.write(root.appending(component: name))
        }
        Self.write(RawPath(folder.path("upload.tmp/inside.jpg")))
        #expect(try walkedFiles(root, under: root) == ["keep.md"])
    }

    @Test func rulesMatchNamesThatAreNotUTF8() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let root = RawPath(folder.path)
        let skipped: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0x2D, 0x73, 0x2E, 0x6A, 0x70, 0x67]  // "caf\xE9-s.jpg"
        let kept: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0xFF, 0x2E, 0x6A, 0x70, 0x67]  // "caf\xE9\xFF.jpg"
        let folderName: [UInt8] = [0x64, 0x69, 0x72, 0xFE]  // "dir\xFE"
        Self.write(root.appending(component: ".mlibignore"), [0x2A, 0xE9, 0x2D, 0x2A, 0x0A] + folderName + [0x2F, 0x0A])  // "*\xE9-*", "dir\xFE/"
        Self.write(root.appending(component: skipped))
        Self.write(root.appending(component: kept))
        Self.write(root.appending(component: folderName).appending(component: "in.jpg"))
        var ignoring = IgnoreLookup()
        #expect(try walkedFiles(root, under: root, ignoring: &ignoring) == [kept])
    }

    @Test func anUnreadableRuleFileCountsAsAbsentAndIsListed() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let root = RawPath(folder.path)
        // A folder by the rule file's name cannot be read as one, even by root.
        Self.write(RawPath(folder.path("sub/.mlibignore/x")))
        Self.write(RawPath(folder.path("sub/a.log")))
        Self.write(root.appending(component: ".mlibignore"), Array("*.tmpx\n".utf8))
        Self.write(root.appending(component: "b.tmpx"))
        var ignoring = IgnoreLookup()
        #expect(try walkedFiles(root, under: root, ignoring: &ignoring) == [Array("sub/a.log".utf8)])
        #expect(ignoring.unreadableRuleFiles == [RawPath(folder.path("sub/.mlibignore"))])
        // A second walk with the same lookup reads nothing again and lists it once.
        _ = try walkedFiles(root, under: root, ignoring: &ignoring)
        #expect(ignoring.unreadableRuleFiles == [RawPath(folder.path("sub/.mlibignore"))])
    }
}
