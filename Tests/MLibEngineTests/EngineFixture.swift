import Foundation
import MLibCore
@testable import MLibEngine
import MLibSearch
import MLibStore
import MLibTestSupport
import Testing

/// A library of a few notes in a temporary folder, with engines over it.
struct EngineFixture {
    let folder: TemporaryDirectory
    let libraryPath: String
    /// A models folder of the test's own (searched before the checkout's models/).
    let models: String

    static var defaultModel: String { Fixtures.packageRoot + "/models/all-MiniLM-L6-v2" }

    static let notes: [(String, String)] = [
        ("tides.md", "Tide tables for the harbour\n\nHigh water at dawn; the ferry waits for the flood tide."),
        ("bread.md", "Sourdough notes\n\nFeed the starter twice a day and bake in a hot oven."),
        ("beach.md", "Seaside holiday\n\nA week of swimming, sandcastles and sunburn on the coast."),
        ("garden.md", "Tomato seedlings\n\nPlant them out after the last frost; water every evening."),
    ]

    init() throws {
        guard FileManager.default.fileExists(atPath: Self.defaultModel + "/model.safetensors") else {
            Issue.record("no model at \(Self.defaultModel): run `make model`")
            throw CocoaError(.fileNoSuchFile)
        }
        folder = try TemporaryDirectory(prefix: "mlib-engine")
        libraryPath = folder.path("library.sqlite")
        models = folder.path("models")
        try FileManager.default.createDirectory(atPath: folder.path("notes"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        for (name, text) in Self.notes { try write(name, text) }
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: folder.path("notes/" + name), atomically: true, encoding: .utf8)
    }

    /// An engine over the library opened in `mode`.
    func engine(_ mode: Library.OpenMode = .create) throws -> Engine {
        Engine(library: try Library.open(at: libraryPath, mode: mode), modelsFolder: models)
    }

    /// Indexes the notes and embeds them with `model` (nil: the library's own).
    @discardableResult
    func index(model: String? = nil, with engine: Engine? = nil) throws -> [EmbeddingReport] {
        let engine = try engine ?? self.engine()
        _ = try engine.index(roots: [RawPath(folder.path("notes"))])
        return try engine.embed(try engine.embeddingPlan(modelName: model))
    }

    /// A model folder in `models` called `name` holding the default model's files as
    /// links; `config` rewrites config.json (so the fingerprint differs).
    func modelCopy(_ name: String, config: ((String) -> String)? = nil) throws -> String {
        let target = models + "/" + name
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for entry in try FileManager.default.contentsOfDirectory(atPath: Self.defaultModel) {
            if entry == "config.json", let config {
                let original = try String(contentsOfFile: Self.defaultModel + "/config.json", encoding: .utf8)
                try config(original).write(toFile: target + "/config.json", atomically: true, encoding: .utf8)
            } else {
                try FileManager.default.createSymbolicLink(atPath: target + "/" + entry, withDestinationPath: Self.defaultModel + "/" + entry)
            }
        }
        return target
    }

    func remove() { folder.remove() }
}

extension SearchOutcome {
    /// The file names of the hits, in order.
    var names: [String] { results.hits.map { $0.path.fileName } }
    /// Whether some hit was found by meaning through `channel`.
    func foundBy(_ channel: String) -> Bool { results.hits.contains { $0.channels[channel] != nil } }
}
