import Foundation
import MLibCore
import MLibTestSupport
import MLibWatch
import Testing

@Suite struct IgnoreRulesTests {
    let root = RawPath("/media")

    func rules(_ text: String, base: String = "/media") -> IgnoreRules {
        var rules = IgnoreRules()
        rules.load(contents: Array(text.utf8), base: RawPath(base))
        return rules
    }

    /// The relative paths (under /media) that `rules` ignores, from `candidates`.
    func ignored(_ rules: IgnoreRules, _ candidates: [String], directories: Bool = false) -> [String] {
        candidates.filter { rules.isIgnored(RawPath("/media/" + $0), isDirectory: directories) }
    }

    @Test func builtInRulesIgnoreHiddenAndTemporaryNames() {
        let none = IgnoreRules()
        let temporary = [
            ".hidden", ".mlibignore", ".~lock.report.odt#", "film.mkv.part", "setup.iso.crdownload",
            "x.tmp", ".notes.md.swp", "notes.md.swp", "notes.md.swx", "notes.md~", "clip.mp4.partial",
            "song.mp3.download", "#draft.org#", "PHOTO.JPG.PART", "a/b/c.tmp",
        ]
        let kept = [
            "part", "film.parts", "tmp", "notes.md", "a#b", "#", "#notes", "notes#", "~", "swp.jpg",
            "a.tmp/photo.jpg", "dot.", "download",
        ]
        #expect(ignored(none, temporary) == temporary)
        #expect(ignored(none, kept).isEmpty)
        #expect(none.isIgnored(RawPath("/media/.git"), isDirectory: true))
    }

    @Test func commentsAndBlankLinesAreSkippedAndEscapesAreLiteral() {
        let r = rules("# *.jpg\n\n   \n\\#literal.txt\n\\!bang.txt\r\n*.log   \n")
        #expect(ignored(r, ["a.jpg", "#literal.txt", "!bang.txt", "x.log", "# *.jpg"]) == ["#literal.txt", "!bang.txt", "x.log"])
    }

    @Test func negationReincludesAndTheLastMatchingLineWins() {
        let r = rules("*.log\n!keep.log\ndeep/keep.log\n")
        #expect(ignored(r, ["x.log", "a/b/y.log", "keep.log", "a/keep.log", "deep/keep.log"])
            == ["x.log", "a/b/y.log", "deep/keep.log"])
    }

    @Test func aTrailingSlashMatchesFoldersOnlyAndEverythingInsideThem() {
        let r = rules("build/\n!build/keep.txt\n")
        #expect(r.isIgnored(RawPath("/media/build"), isDirectory: true))
        #expect(r.isIgnored(RawPath("/media/sub/build"), isDirectory: true))
        #expect(!r.isIgnored(RawPath("/media/build"), isDirectory: false))
        // As in git, a file inside an ignored folder cannot be re-included.
        #expect(ignored(r, ["build/out.o", "build/keep.txt", "sub/build/x/y.o", "builder/x.o"])
            == ["build/out.o", "build/keep.txt", "sub/build/x/y.o"])
    }

    @Test func aPatternWithASlashIsAnchoredToTheIgnoreFilesFolder() {
        let r = rules("/top.txt\ndocs/*.md\n")
        #expect(ignored(r, ["top.txt", "sub/top.txt", "docs/a.md", "x/docs/a.md", "docs/sub/a.md", "docs/a.txt"])
            == ["top.txt", "docs/a.md"])
        #expect(!r.isIgnored(RawPath("/elsewhere/top.txt"), isDirectory: false))
    }

    @Test func doubleStarSpansAnyNumberOfFolders() {
        let r = rules("**/cache\na/**/b.jpg\nraw/**\n")
        #expect(ignored(r, ["cache", "x/y/cache", "cached", "a/b.jpg", "a/x/b.jpg", "a/x/y/b.jpg", "x/a/b.jpg"])
            == ["cache", "x/y/cache", "a/b.jpg", "a/x/b.jpg", "a/x/y/b.jpg"])
        #expect(ignored(r, ["raw/x.cr2", "raw/2024/x.cr2", "rawr/x.cr2"]) == ["raw/x.cr2", "raw/2024/x.cr2"])
        #expect(!r.isIgnored(RawPath("/media/raw"), isDirectory: true))
    }

    @Test func wildcardsAndCharacterClassesMatchWithinOneName() {
        let r = rules("img?.png\nshot[0-9].jpg\n[!a-c]*.txt\nmix*ed*.md\n")
        #expect(ignored(r, [
            "img1.png", "img10.png", "imgé.png", "shot7.jpg", "shotx.jpg", "note.txt", "abc.txt",
            "mixed.md", "mix-it-ed-up.md", "mix.md",
        ]) == ["img1.png", "imgé.png", "shot7.jpg", "note.txt", "mixed.md", "mix-it-ed-up.md"])
    }

    @Test func nestedIgnoreFilesApplyBelowTheirFolderAndOverrideTheirParents() {
        var r = IgnoreRules()
        // Loaded deepest first on purpose: precedence follows depth, not load order.
        r.load(contents: Array("!*.raw\nnotes.txt\n".utf8), base: RawPath("/media/sub"))
        r.load(contents: Array("*.raw\n/sub/only-here.jpg\n".utf8), base: root)
        #expect(ignored(r, ["x.raw", "sub/x.raw", "sub/deeper/x.raw", "notes.txt", "sub/notes.txt", "sub/only-here.jpg", "other/x.raw"])
            == ["x.raw", "sub/notes.txt", "sub/only-here.jpg", "other/x.raw"])
        r.unload(base: RawPath("/media/sub"))
        #expect(ignored(r, ["sub/x.raw", "sub/notes.txt"]) == ["sub/x.raw"])
    }

    @Test func namesThatAreNotUTF8AreMatchedByTheirBytes() {
        let latin1Cafe: [UInt8] = [0x63, 0x61, 0x66, 0xE9]  // "café" in Latin-1
        let folder = RawPath("/media")
        var r = IgnoreRules()
        r.load(contents: latin1Cafe + Array("*\nmenu?.txt\n".utf8), base: folder)
        #expect(r.isIgnored(folder.appending(component: latin1Cafe + Array(" old.jpg".utf8)), isDirectory: false))
        #expect(!r.isIgnored(folder.appending(component: "café old.jpg"), isDirectory: false))
        // `?` takes one byte of a name that is not UTF-8, one character of one that is.
        #expect(r.isIgnored(folder.appending(component: Array("menu".utf8) + [0xFF] + Array(".txt".utf8)), isDirectory: false))
        #expect(r.isIgnored(folder.appending(component: "menué.txt"), isDirectory: false))
        #expect(IgnoreRules().isIgnored(folder.appending(component: [0x66, 0xFF] + Array(".part".utf8)), isDirectory: false))
        #expect(!IgnoreRules().isIgnored(folder.appending(component: [0x66, 0xFF, 0x2E, 0x6A, 0x70, 0x67]), isDirectory: false))
    }

    @Test func anIgnoreFileOnDiskIsReadReloadedAndForgottenWhenDeleted() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let base = RawPath(folder.path)
        let file = base.appending(component: IgnoreRules.ignoreFileName)
        let photo = base.appending(component: "a.jpg")
        let clip = base.appending(component: "b.mp4")
        var r = IgnoreRules()
        try Data("*.jpg\n".utf8).write(to: URL(fileURLWithPath: file.string))
        try r.load(ignoreFile: file, base: base)
        #expect(r.isIgnored(photo, isDirectory: false))
        try Data("*.mp4\n".utf8).write(to: URL(fileURLWithPath: file.string))
        try r.load(ignoreFile: file, base: base)
        #expect(!r.isIgnored(photo, isDirectory: false))
        #expect(r.isIgnored(clip, isDirectory: false))
        try FileManager.default.removeItem(atPath: file.string)
        try r.load(ignoreFile: file, base: base)
        #expect(!r.isIgnored(clip, isDirectory: false))
        #expect(throws: WalkError.self) {
            try r.load(ignoreFile: base, base: base)  // a folder cannot be read as a file
        }
    }
}
