import Foundation
import MLibCore
import MLibTestSupport

/// Reads timelines with the real OpenTimelineIO (0.18, from PyPI) through
/// `Tests/Fixtures/otio-check.py`, so exports are checked by the tool editors use.
///
/// The interpreter is the venv `make deps` builds at `.build/pyenv`; without it the
/// calling test fails and says so, rather than passing unchecked.
enum OTIOCheck {
    static let python = Fixtures.packageRoot + "/.build/pyenv/bin/python"
    static let script = Fixtures.path("otio-check.py")

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// OTIO's summary of an `.otio` document (see the script for its shape).
    static func summary(ofOTIO bytes: [UInt8]) throws -> JSONValue {
        try run(bytes, fileName: "clips.otio", arguments: [])
    }

    /// OTIO's summary of an EDL read by its `cmx_3600` adapter at `rate` frames per second.
    static func summary(ofEDL bytes: [UInt8], rate: Int) throws -> JSONValue {
        try run(bytes, fileName: "clips.edl", arguments: ["--edl", String(rate)])
    }

    /// The `.otio` document as OpenTimelineIO writes it back after reading it.
    static func rewritten(_ bytes: [UInt8]) throws -> JSONValue {
        try run(bytes, fileName: "clips.otio", arguments: ["--rewrite"])
    }

    private static func run(_ bytes: [UInt8], fileName: String, arguments: [String]) throws -> JSONValue {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure(
                description: "OpenTimelineIO's Python venv is missing at \(python): run `make deps` to create it.")
        }
        let directory = try TemporaryDirectory(prefix: "mlib-otio")
        defer { directory.remove() }
        let file = directory.path(fileName)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let output = try ExternalTool.run(python, [script, file] + arguments)
        guard output.status == 0 else {
            throw Failure(description: "OpenTimelineIO could not read the \(fileName): \(output.stderrString)")
        }
        return try JSONDecoder().decode(JSONValue.self, from: output.stdout)
    }
}
