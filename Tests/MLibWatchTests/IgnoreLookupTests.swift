import Foundation
import MLibCore
import MLibTestSupport
import MLibWatch
import Testing

@Suite struct IgnoreLookupTests {
    /// A lookup asked about names inside a temporary folder.
    final class Judge {
        let folder: TemporaryDirectory
        var lookup = IgnoreLookup()

        init() throws { folder = try TemporaryDirectory() }
        deinit { folder.remove() }

        func ignores(_ name: String, directory: Bool = false) -> Bool {
            lookup.isIgnored(RawPath(folder.path(name)), isDirectory: directory)
        }

        func reload(_ name: String) { lookup.reload(folder: RawPath(folder.path(name))) }

        func write(_ name: String, _ text: String) throws {
            let path = folder.path(name)
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    @Test func rulesOfEveryFolderAboveAPathApplyDeeperOnesLast() throws {
        let judge = try Judge()
        try judge.write(".mlibignore", "*.log\n")
        try judge.write("a/b/.mlibignore", "!keep.log\nraw/\n")
        // Asked about a deep path first: the rule files above it are read on the way.
        #expect(!judge.ignores("a/b/keep.log"))
        #expect(judge.ignores("a/b/other.log"))
        #expect(judge.ignores("a/other.log"))
        #expect(judge.ignores("a/b/c/raw", directory: true))
        #expect(!judge.ignores("a/raw", directory: true))
        #expect(!judge.ignores("a/b/photo.jpg"))
        #expect(judge.ignores("a/b/photo.jpg.part"))
        #expect(judge.lookup.unreadableRuleFiles.isEmpty)
    }

    @Test func aLookupIsASnapshotUntilAFolderIsReloaded() throws {
        let judge = try Judge()
        try judge.write("sub/.mlibignore", "*.log\n")
        #expect(judge.ignores("sub/x.log"))

        try judge.write("sub/.mlibignore", "*.jpg\n")
        #expect(judge.ignores("sub/x.log"))
        #expect(!judge.ignores("sub/x.jpg"))
        var fresh = IgnoreLookup()
        let freshVerdicts = ["sub/x.log", "sub/x.jpg"].map {
            fresh.isIgnored(RawPath(judge.folder.path($0)), isDirectory: false)
        }
        #expect(freshVerdicts == [false, true])

        judge.reload("sub")
        #expect(!judge.ignores("sub/x.log"))
        #expect(judge.ignores("sub/x.jpg"))

        try FileManager.default.removeItem(atPath: judge.folder.path("sub/.mlibignore"))
        judge.reload("sub/")
        #expect(!judge.ignores("sub/x.jpg"))
    }

    @Test func anUnreadableRuleFileCountsAsAbsentUntilReloadedReadable() throws {
        let judge = try Judge()
        // A folder by the rule file's name cannot be read as one, even by root.
        let ruleFile = judge.folder.path("sub/.mlibignore")
        try FileManager.default.createDirectory(atPath: ruleFile, withIntermediateDirectories: true)
        #expect(!judge.ignores("sub/x.log"))
        #expect(!judge.ignores("sub/y.log"))
        #expect(judge.lookup.unreadableRuleFiles == [RawPath(ruleFile)])

        try FileManager.default.removeItem(atPath: ruleFile)
        try judge.write("sub/.mlibignore", "*.log\n")
        judge.reload("sub")
        #expect(judge.ignores("sub/x.log"))
        #expect(judge.lookup.unreadableRuleFiles.isEmpty)
    }
}
