import Foundation
import MLibTestSupport
import Testing

/// Models through the real binary: damage to a model or to stored vectors never
/// fails a search, and says so in one line.
@Suite(.serialized) struct ModelEndToEndTests {
    static let model = Fixtures.packageRoot + "/models/all-MiniLM-L6-v2"

    /// A notes folder, a models folder with `name` (the default model's files as
    /// links, config.json rewritten so it is a model of its own), and a library
    /// indexed with it.
    struct Workspace {
        let folder: TemporaryDirectory
        let mlib: MLibBinary
        let models: String
        let copy: String

        init(name: String) throws {
            folder = try TemporaryDirectory(prefix: "mlib-models")
            mlib = MLibBinary(library: folder.path("library.sqlite"))
            models = folder.path("models")
            copy = models + "/" + name
            try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
            for entry in try FileManager.default.contentsOfDirectory(atPath: ModelEndToEndTests.model) where entry != "config.json" {
                try FileManager.default.createSymbolicLink(atPath: copy + "/" + entry, withDestinationPath: ModelEndToEndTests.model + "/" + entry)
            }
            let config = try String(contentsOfFile: ModelEndToEndTests.model + "/config.json", encoding: .utf8)
            try config.replacingOccurrences(of: "{", with: "{\n  \"mlib_e2e\": 1,", options: .anchored)
                .write(toFile: copy + "/config.json", atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: folder.path("notes"), withIntermediateDirectories: true)
            try "Tide tables\n\nThe ferry waits for the flood tide at dawn.".write(
                toFile: folder.path("notes/tides.md"), atomically: true, encoding: .utf8)
            try "Sourdough\n\nFeed the starter and bake in a hot oven.".write(
                toFile: folder.path("notes/bread.md"), atomically: true, encoding: .utf8)
            let index = try mlib.run(["--models", models, "index", folder.path("notes"), "--model", name])
            #expect(index.status == 0, "\(index.stderrString)")
        }
    }

    @Test func searchWithATruncatedWeightsFileAnswersByWordsWithOneWarning() throws {
        guard FileManager.default.fileExists(atPath: Self.model + "/model.safetensors") else { return }
        let space = try Workspace(name: "fragile")
        defer { space.folder.remove() }
        #expect(try space.mlib.run(["--models", space.models, "models", "use", "fragile"]).status == 0)
        try FileManager.default.removeItem(atPath: space.copy + "/model.safetensors")
        let whole = try Data(contentsOf: URL(fileURLWithPath: Self.model + "/model.safetensors"))
        try whole.prefix(100_000).write(to: URL(fileURLWithPath: space.copy + "/model.safetensors"))

        let search = try space.mlib.run(["--models", space.models, "search", "ferry tide"])
        #expect(search.status == 0)
        let warnings = search.stderrString.split(separator: "\n")
        #expect(warnings.count == 1 && warnings[0].hasPrefix("warning: ") && warnings[0].contains("fragile"), "\(search.stderrString)")
        #expect(search.stdoutString.contains("tides.md"))
        let semantic = try space.mlib.run(["--models", space.models, "search", "a loaf from the oven", "--mode", "semantic"])
        #expect(semantic.status == 0, "\(semantic.stderrString)")

        let models = try space.mlib.run(["--models", space.models, "models"])
        #expect(models.status == 0)
        #expect(models.stdoutString.contains("fragile") && models.stdoutString.contains("PROBLEM"), "\(models.stdoutString)")
    }

    @Test func aNaNInAStoredVectorNeverBreaksSearchAndIndexRepairsIt() throws {
        guard FileManager.default.fileExists(atPath: Self.model + "/model.safetensors") else { return }
        let space = try Workspace(name: "minilm-e2e")
        defer { space.folder.remove() }
        let library = space.folder.path("library.sqlite")
        // Random damage to a page: a NaN in every stored vector, and no vector store yet.
        try RawSQL.execute("UPDATE vectors SET vector = x'0000c07f' || substr(vector, 5)", on: library)
        try? FileManager.default.removeItem(atPath: library + "-cache")

        for mode in ["hybrid", "semantic"] {
            let search = try space.mlib.run(["--models", space.models, "search", "ferry at dawn", "--mode", mode])
            #expect(search.status == 0, "\(mode): \(search.stderrString)")
            #expect(search.stderrString.contains("damaged"), "\(search.stderrString)")
        }
        let index = try space.mlib.run(["--models", space.models, "index", space.folder.path("notes")])
        #expect(index.status == 0, "\(index.stderrString)")
        #expect(index.stderrString.contains("damaged"), "index says it repaired them: \(index.stderrString)")
        let nan = try RawSQL.integers("SELECT count(*) FROM vectors WHERE substr(vector, 1, 4) = x'0000c07f'", on: library)
        #expect(nan == [0])
        let search = try space.mlib.run(["--models", space.models, "search", "ferry at dawn", "--mode", "semantic"])
        #expect(search.status == 0 && search.stderrString.isEmpty, "\(search.stderrString)")
        #expect(search.stdoutString.contains("tides.md"))
    }

    @Test func readCommandsOnAMistypedLibraryCreateNothing() throws {
        let folder = try TemporaryDirectory(prefix: "mlib-models")
        defer { folder.remove() }
        let missing = folder.path("no/such/library.sqlite")
        let mlib = MLibBinary(library: missing)
        for arguments in [["search", "x"], ["status"], ["show", "1"], ["models"]] {
            let run = try mlib.run(arguments)
            if arguments != ["models"] { #expect(run.status == 3, "\(arguments): \(run.stderrString)") }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("no")), "no folder or library was made")
    }
}
