import Foundation
import Glibc
import MLibTestSupport
import Testing

/// The built `mlib` binary on a temporary folder: index, search, modify, move,
/// delete, re-index, checking what search returns after each step.
@Suite(.serialized) struct EndToEndTests {
    let folder: TemporaryDirectory
    let media: String
    let mlib: MLibBinary

    init() throws {
        folder = try TemporaryDirectory(prefix: "mlib-e2e")
        media = folder.path("Media")
        try FileManager.default.createDirectory(atPath: media + "/Trips", withIntermediateDirectories: true)
        mlib = MLibBinary(library: folder.path("library.sqlite"))
    }

    func write(_ text: String, to relative: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: media + "/" + relative))
    }

    func copyFixture(_ fixture: String, to relative: String) throws {
        try FileManager.default.copyItem(atPath: Fixtures.path(fixture), toPath: media + "/" + relative)
    }

    func statusJSON() throws -> [String: Any] {
        let output = try mlib.run(["status", "--failed", "--format", "json"])
        #expect(output.status == 0)
        return try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any] ?? [:]
    }

    func itemID(_ path: String) throws -> Int? {
        let output = try mlib.run(["show", path, "--format", "json"])
        guard output.status == 0 else { return nil }
        return (try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any])?["id"] as? Int
    }

    @Test func indexSearchModifyMoveDeleteReindex() throws {
        defer { folder.remove() }
        try write("# Lighthouse walk\n\nWe climbed the lighthouse at noon.\n", to: "Trips/lighthouse.md")
        try write("Shopping list: lemons, basil, olive oil\n", to: "list.txt")
        try copyFixture("images/full.jpg", to: "Trips/photo.jpg")
        try copyFixture("videos/tagged.mp4", to: "Trips/clip.mp4")

        var output = try mlib.run(["index", media])
        #expect(output.status == 0, "\(output.stderrString)")
        #expect(!output.stdoutString.contains("\u{1B}"), "no progress escapes when piped")
        var status = try statusJSON()
        let items = status["items"] as? [String: Int]
        #expect(items == ["total": 4, "text": 2, "image": 1, "video": 1, "failed": 0])
        #expect(try mlib.searchPaths("lighthouse noon") == [media + "/Trips/lighthouse.md"])
        #expect(try mlib.searchPaths("basil") == [media + "/list.txt"])

        // Unchanged files are skipped on a re-scan.
        output = try mlib.run(["index", media])
        #expect(output.stdoutString.contains("4 unchanged"), "\(output.stdoutString)")

        // Modify: the new words are found, the old ones are gone.
        Thread.sleep(forTimeInterval: 0.01)
        try write("Shopping list: limes, mint\n", to: "list.txt")
        output = try mlib.run(["index", media])
        #expect(output.status == 0)
        #expect(output.stdoutString.contains("1 changed"), "\(output.stdoutString)")
        #expect(try mlib.searchPaths("basil").isEmpty)
        #expect(try mlib.searchPaths("mint") == [media + "/list.txt"])

        // Move: same item id at the new path; found by its new folder name.
        let idBefore = try #require(try itemID(media + "/Trips/lighthouse.md"))
        try FileManager.default.createDirectory(atPath: media + "/Archive", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: media + "/Trips/lighthouse.md", toPath: media + "/Archive/lighthouse.md")
        output = try mlib.run(["index", media])
        #expect(output.stdoutString.contains("1 moved"), "\(output.stdoutString)")
        #expect(try itemID(media + "/Archive/lighthouse.md") == idBefore)
        #expect(try mlib.searchPaths("lighthouse") == [media + "/Archive/lighthouse.md"])
        #expect(try mlib.searchPaths("archive lighthouse") == [media + "/Archive/lighthouse.md"])

        // Delete: gone from search and status.
        try FileManager.default.removeItem(atPath: media + "/Archive/lighthouse.md")
        output = try mlib.run(["index", media])
        #expect(output.stdoutString.contains("1 removed"), "\(output.stdoutString)")
        #expect(try mlib.searchPaths("lighthouse").isEmpty)
        status = try statusJSON()
        #expect((status["items"] as? [String: Int])?["total"] == 3)

        // Forget: out of the library, still on disk.
        output = try mlib.run(["forget", media + "/list.txt"])
        #expect(output.status == 0)
        #expect(try mlib.searchPaths("mint").isEmpty)
        #expect(FileManager.default.fileExists(atPath: media + "/list.txt"))
        output = try mlib.run(["forget", media + "/never-indexed.txt"])
        #expect(output.status == 4)
    }

    @Test func badInputBecomesFailedItemsAndTheRunFinishes() throws {
        defer { folder.remove() }
        try write("A good note about kayaks\n", to: "good.md")
        try Data().write(to: URL(fileURLWithPath: media + "/empty.txt"))
        try copyFixture("images/truncated.jpg", to: "truncated.jpg")
        try copyFixture("videos/random.mp4", to: "random.mp4")
        try copyFixture("videos/truncated.mp4", to: "truncated.mp4")
        try write("note with a newline in its name: otters\n", to: "odd\nname.txt")
        // A name that is not UTF-8 (Latin-1 é).
        let latin1 = Array((media + "/caf").utf8) + [0xE9] + Array(".txt".utf8)
        let latin1Path = String(decoding: latin1, as: UTF8.self)
        let fd = latin1.withUnsafeBufferPointer { buffer -> Int32 in
            var bytes = Array(buffer) + [0]
            return bytes.withUnsafeMutableBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(fd >= 0)
        _ = "beavers in latin one\n".withCString { Glibc.write(fd, $0, strlen($0)) }
        close(fd)
        try FileManager.default.createSymbolicLink(atPath: media + "/loop-a", withDestinationPath: media + "/loop-b")
        try FileManager.default.createSymbolicLink(atPath: media + "/loop-b", withDestinationPath: media + "/loop-a")
        try FileManager.default.createSymbolicLink(atPath: media + "/self", withDestinationPath: media)

        let output = try mlib.run(["index", media])
        #expect(output.status == 2, "exit code 2 when some files failed: \(output.stderrString)")
        #expect(output.stderrString.split(separator: "\n").allSatisfy { $0.hasPrefix("warning: not indexed: ") })

        let status = try statusJSON()
        let failures = status["failures"] as? [[String: String]] ?? []
        let failedNames = Set(failures.compactMap { $0["path"].map { ($0 as NSString).lastPathComponent } })
        #expect(failedNames == ["empty.txt", "truncated.jpg", "random.mp4", "truncated.mp4", "loop-a", "loop-b"])
        for failure in failures {
            #expect(!(failure["reason"] ?? "").contains("\n"), "one-line reason")
        }
        #expect(try mlib.searchPaths("kayaks") == [media + "/good.md"])
        #expect(try mlib.searchPaths("otters") == [media + "/odd\nname.txt"])
        #expect(try mlib.searchPaths("beavers") == [latin1Path])

        // The library stays consistent and a re-run changes nothing.
        let again = try mlib.run(["index", media])
        #expect(again.status == 2)
        #expect(again.stdoutString.contains("0 new") == false)
        let check = try ExternalTool.run("sqlite3", [mlib.library, "PRAGMA integrity_check"])
        #expect(check.stdoutString.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    /// Permissions mean nothing to root, so as root the run drops to `nobody`.
    @Test func anUnreadableFileIsAFailureWithAReasonToAct() throws {
        defer { folder.remove() }
        try write("readable note about puffins\n", to: "open.txt")
        try write("secret\n", to: "locked.txt")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: media + "/locked.txt")
        var arguments = [MLibBinary.executablePath, "--library", mlib.library, "index", media]
        if getuid() == 0 {
            for path in [folder.path, media, media + "/Trips"] {
                try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: path)
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: media + "/open.txt")
            arguments = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + arguments
        }
        let output = try ExternalTool.run(arguments[0], Array(arguments.dropFirst()))
        #expect(output.status == 2, "\(output.stderrString)")
        let failures = try statusJSON()["failures"] as? [[String: String]] ?? []
        #expect(failures.map { $0["path"] } == [media + "/locked.txt"])
        #expect(failures.first?["reason"]?.contains("permission denied") == true)
        #expect(try mlib.searchPaths("puffins") == [media + "/open.txt"])
    }

    @Test func aFolderOfTenThousandFiles() throws {
        defer { folder.remove() }
        let many = media + "/many"
        try FileManager.default.createDirectory(atPath: many, withIntermediateDirectories: true)
        for n in 0..<10_000 {
            try Data("note \(n) word\(n)\n".utf8).write(to: URL(fileURLWithPath: many + "/\(n).txt"))
        }
        let output = try mlib.run(["index", media, "--quiet", "--no-embed"])
        #expect(output.status == 0, "\(output.stderrString)")
        #expect(output.stdout.isEmpty, "--quiet prints nothing on success")
        #expect((try statusJSON()["items"] as? [String: Int])?["text"] == 10_000)
        #expect(try mlib.searchPaths("word9999") == [many + "/9999.txt"])
    }

    @Test func searchWritesValidJSONAndPlaylistsForScripts() throws {
        defer { folder.remove() }
        try copyFixture("videos/tagged.mp4", to: "Trips/harbour clip.mp4")
        try write("Harbour notes: the ferry left at dawn\n", to: "harbour.md")
        #expect(try mlib.run(["index", media]).status == 0)

        let json = folder.path("out.json")
        var output = try mlib.run(["search", "harbour", "--format", "json", "--output", json])
        #expect(output.status == 0 && output.stdout.isEmpty)
        let validate = try ExternalTool.run(
            "python3",
            [
                "-c", "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))",
                json, Fixtures.packageRoot + "/Schema/search-results.schema.json",
            ])
        #expect(validate.status == 0, "\(validate.stderrString)")

        output = try mlib.run(["search", "harbour", "--format", "m3u"])
        let lines = output.stdoutString.split(separator: "\n").map(String.init)
        #expect(lines.first == "#EXTM3U")
        #expect(lines.contains(media + "/Trips/harbour clip.mp4"))
        #expect(!lines.contains(media + "/harbour.md"), "notes never go into a playlist")

        output = try mlib.run(["search", "harbour", "--format", "jsonl"])
        let objects = output.stdoutString.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.count == 2)
    }

    @Test func meaningFindsNotesThatShareNoWordsWithTheQuery() throws {
        defer { folder.remove() }
        try write("# Biarritz\n\nA week of swimming and sunbathing, waves crashing on the sand every afternoon.\n", to: "trip.md")
        try write("# Tax return\n\nFiled the annual income statement with the revenue office today.\n", to: "tax.md")
        try write("# Sourdough\n\nFed the starter and baked two loaves with a crisp crust.\n", to: "bread.md")
        var output = try mlib.run(["index", media])
        #expect(output.status == 0, "\(output.stderrString)")
        #expect(output.stdoutString.contains("Embedded"), "\(output.stdoutString)")

        #expect(try mlib.searchPaths("seaside holiday").isEmpty, "no shared words")
        #expect(try mlib.searchPaths("seaside holiday", mode: "semantic").first == media + "/trip.md")
        #expect(try mlib.searchPaths("seaside holiday", mode: "hybrid").first == media + "/trip.md")
        #expect(try mlib.searchPaths("bread baking", mode: "hybrid").first == media + "/bread.md")

        output = try mlib.run(["search", "seaside holiday", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any]
        #expect(object?["mode"] as? String == "hybrid")
        let evidence = ((object?["results"] as? [[String: Any]])?.first?["evidence"] as? [[String: Any]]) ?? []
        #expect(evidence.first?["source"] as? String == "semantic")

        // The same text elsewhere takes its vectors from the cache.
        try FileManager.default.copyItem(atPath: media + "/tax.md", toPath: media + "/tax copy.md")
        output = try mlib.run(["index", media])
        #expect(output.stdoutString.contains("(2 from cache)"), "\(output.stdoutString)")
    }

    @Test func usageErrorsExitWithOneAndLibraryErrorsWithThree() throws {
        defer { folder.remove() }
        #expect(try mlib.run(["search"]).status == 1)
        #expect(try mlib.run(["search", "x", "--kind", "sound"]).status == 1)
        #expect(try mlib.run(["frobnicate"]).status == 1)
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: folder.path("junk.sqlite")))
        let junk = MLibBinary(library: folder.path("junk.sqlite"))
        let output = try junk.run(["status"])
        #expect(output.status == 3)
        #expect(output.stderrString.split(separator: "\n").count == 1)
        let help = try mlib.run(["--help"])
        #expect(help.status == 0 && help.stdoutString.contains("EXIT CODES"))
    }

    @Test func libraryLocationFollowsTheEnvironment() throws {
        defer { folder.remove() }
        try write("a note about herons\n", to: "heron.txt")
        let env = ["MLIB_LIBRARY": folder.path("from-env.sqlite")]
        let output = try ExternalTool.run(MLibBinary.executablePath, ["index", media], environment: env)
        #expect(output.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("from-env.sqlite")))
        let xdgEnvironment = ["MLIB_LIBRARY": "", "XDG_DATA_HOME": folder.path("xdg")]
        // Status only reads: it reports the missing library at the XDG path and creates nothing.
        let missing = try ExternalTool.run(MLibBinary.executablePath, ["status"], environment: xdgEnvironment)
        #expect(missing.status == 3)
        #expect(missing.stderrString.contains(folder.path("xdg") + "/mlib/library.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("xdg")))
        #expect(try ExternalTool.run(MLibBinary.executablePath, ["index", media], environment: xdgEnvironment).status == 0)
        let xdg = try ExternalTool.run(MLibBinary.executablePath, ["status", "--format", "json"], environment: xdgEnvironment)
        let object = try JSONSerialization.jsonObject(with: xdg.stdout) as? [String: Any]
        #expect(object?["library"] as? String == folder.path("xdg") + "/mlib/library.sqlite")
    }
}
