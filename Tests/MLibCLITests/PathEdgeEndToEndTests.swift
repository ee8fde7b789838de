import Foundation
import Glibc
import MLibTestSupport
import Testing

/// The built `mlib` binary on paths the kernel allows but strings mishandle: names
/// that are not UTF-8, names with a newline, paths longer than `PATH_MAX`.
@Suite(.serialized) struct PathEdgeEndToEndTests {
    let folder: TemporaryDirectory
    let media: String
    let mlib: MLibBinary

    init() throws {
        folder = try TemporaryDirectory(prefix: "mlib-e2e-paths")
        media = folder.path("Media")
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        mlib = MLibBinary(library: folder.path("library.sqlite"))
    }

    /// Runs `mlib --library LIBRARY arguments…` with arguments as bytes, which
    /// `Process` cannot pass; returns the exit status and what it printed (standard
    /// output and error together).
    func run(_ arguments: [[UInt8]]) throws -> (status: Int32?, output: Data) {
        let log = folder.path("run-\(UUID().uuidString).log")
        let child = try ChildProcess(
            mlib.path, [Array("--library".utf8), Array(mlib.library.utf8)] + arguments, outputPath: log)
        let ended = child.waitForExit()
        let output = FileManager.default.contents(atPath: log) ?? Data()
        try? FileManager.default.removeItem(atPath: log)
        return (ended?.bySignal == false ? ended?.status : nil, output)
    }

    /// Writes `text` to the file at `path`, given as bytes.
    func write(_ text: String, toBytes path: [UInt8]) {
        let fd = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        }
        precondition(fd >= 0, "cannot create \(String(decoding: path, as: UTF8.self))")
        _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
        close(fd)
    }

    func failures() throws -> [[String: String]] {
        let output = try mlib.run(["status", "--failed", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any]
        return object?["failures"] as? [[String: String]] ?? []
    }

    @Test func showAndForgetFindNamesThatAreNotUTF8ByTheirBytes() throws {
        defer { folder.remove() }
        // Both names decode to the same string ("notes-\u{FFFD}\u{FFFD}.txt"): only
        // the bytes tell them apart.
        let wombats = Array((media + "/notes-").utf8) + [0xFF, 0xFE] + Array(".txt".utf8)
        let quokkas = Array((media + "/notes-").utf8) + [0xFE, 0xFF] + Array(".txt".utf8)
        write("a note about wombats\n", toBytes: wombats)
        write("a note about quokkas\n", toBytes: quokkas)
        try Data("a note about newts\n".utf8).write(to: URL(fileURLWithPath: media + "/two\nlines.txt"))
        #expect(try mlib.run(["index", media]).status == 0)

        for path in [wombats, quokkas] {
            let shown = try run([Array("show".utf8), path, Array("--format".utf8), Array("json".utf8)])
            #expect(shown.status == 0, "\(String(decoding: shown.output, as: UTF8.self))")
            let object = try JSONSerialization.jsonObject(with: shown.output) as? [String: Any]
            #expect(object?["path_base64"] as? String == Data(path).base64EncodedString())
        }
        let text = try run([Array("show".utf8), wombats])
        #expect(text.status == 0)
        #expect(String(decoding: text.output, as: UTF8.self).contains("wombats"))
        #expect(try mlib.run(["show", media + "/two\nlines.txt"]).status == 0)

        let forgotten = try run([Array("forget".utf8), quokkas])
        #expect(forgotten.status == 0, "\(String(decoding: forgotten.output, as: UTF8.self))")
        #expect(String(decoding: forgotten.output, as: UTF8.self).contains("Forgot 1 item."))
        #expect(try run([Array("show".utf8), quokkas]).status == 4)
        #expect(try run([Array("show".utf8), wombats]).status == 0)
        #expect(try mlib.searchPaths("quokkas").isEmpty)
        #expect(try mlib.searchPaths("wombats") == [String(decoding: wombats, as: UTF8.self)])
    }

    @Test func aFileBeyondPathMaxIsListedAsFailedNotSkipped() throws {
        defer { DeepFolders.remove(folder.path) }
        try Data("a note about herons\n".utf8).write(to: URL(fileURLWithPath: media + "/near.txt"))
        let deep = try DeepFolders(under: media, depth: 21, files: ["far.txt": "a note about egrets\n"])
        let far = String(decoding: deep.path + Array("/far.txt".utf8), as: UTF8.self)
        #expect(far.utf8.count > Int(PATH_MAX))

        let output = try mlib.run(["index", media])
        #expect(output.status == 2, "exit code 2 as for other failures: \(output.stderrString)")
        #expect(output.stdoutString.contains("1 not indexed"), "\(output.stdoutString)")
        #expect(output.stderrString.contains("longer than PATH_MAX"))
        var failures = try failures()
        #expect(failures.map { $0["path"] } == [far])
        #expect(failures.first?["code"] == "path-too-long")
        let reason = failures.first?["reason"] ?? ""
        #expect(reason.contains("path is longer than PATH_MAX (4096 bytes); mlib cannot read it — move it to a shorter path"))
        #expect(!reason.contains("\n"))
        #expect(try mlib.searchPaths("herons") == [media + "/near.txt"])

        // A second run still counts it, and keeps its failed item.
        let again = try mlib.run(["index", media])
        #expect(again.status == 2)
        #expect(again.stdoutString.contains("1 not indexed"), "\(again.stdoutString)")
        failures = try self.failures()
        #expect(failures.map { $0["path"] } == [far])
    }
}
