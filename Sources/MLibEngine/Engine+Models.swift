import Foundation
public import MLibCore
import MLibInference
public import MLibStore

/// One model as `mlib models` shows it: what the library holds of it and whether
/// its folder is there and loads.
public struct ModelReport: Sendable {
    /// The library's row, when the library has met the model.
    public var stored: StoredModel?
    /// The folder read from disk, when found.
    public var descriptor: ModelDescriptor?
    public var name: String
    /// The roles the model serves in this library.
    public var roles: [ModelRole]
    public var usage: ModelUsage?
    /// Bytes of its vector store file beside the library.
    public var storeBytes: Int64
    /// Why it cannot be used, or nil when it loads.
    public var problem: String?
    /// A text cross-encoder: it makes no vectors but reads the best hits of every search.
    public var isJudge = false
}

extension Engine {
    /// The models the library holds vectors of, then the other model folders found;
    /// with `load`, each found model's weights are loaded to prove they work.
    public func modelReports(load: Bool = true) throws -> [ModelReport] {
        let roles = try library.roles()
        let usage = try library.modelUsage()
        var reports: [ModelReport] = []
        var seen: Set<String> = []
        for model in try library.models() {
            var report = ModelReport(
                stored: model, descriptor: nil, name: model.name, roles: roles.filter { $0.value == model.id }.map(\.key).sorted { $0.rawValue < $1.rawValue },
                usage: usage[model.id], storeBytes: Self.fileSize(library.vectorStorePath(modelID: model.id)), problem: nil)
            switch finder.find(model) {
            case .success(let descriptor):
                report.descriptor = descriptor
                seen.insert(descriptor.folder)
                report.problem = load ? Self.loadProblem(descriptor) : nil
            case .failure(let error):
                report.problem = error.message
            }
            reports.append(report)
        }
        let known = Set(reports.compactMap { $0.stored?.fingerprint })
        reports += Self.folderReports(locator: finder.locator, load: load).filter { report in
            guard let descriptor = report.descriptor else { return true }
            return !seen.contains(descriptor.folder) && !known.contains(descriptor.fingerprint)
        }
        return reports
    }

    /// The model folders found in `modelsFolder` and the usual places, with or
    /// without a library.
    public static func folderReports(modelsFolder: String?, load: Bool = true) -> [ModelReport] {
        folderReports(locator: ModelLocator(modelsOption: modelsFolder), load: load)
    }

    /// Where models are looked for, in order.
    public static func searchPaths(modelsFolder: String?) -> [String] {
        ModelLocator(modelsOption: modelsFolder).searchPaths
    }

    static func folderReports(locator: ModelLocator, load: Bool) -> [ModelReport] {
        locator.available().map { name, folder in
            var report = ModelReport(stored: nil, descriptor: nil, name: name, roles: [], usage: nil, storeBytes: 0, problem: nil)
            if CrossEncoder.isCrossEncoder(folder: URL(fileURLWithPath: folder)) {
                report.isJudge = true
                if load {
                    do { _ = try CrossEncoder(folder: URL(fileURLWithPath: folder)) } catch { report.problem = "\(error)" }
                }
                return report
            }
            switch ModelFinder.describe(folder: folder) {
            case .success(let descriptor):
                report.descriptor = descriptor
                report.problem = load ? loadProblem(descriptor) : nil
            case .failure(let error):
                report.problem = error.message
            }
            return report
        }
    }

    /// Sentence vectors of `texts` from the model called `name` (a folder name or
    /// path), without a library: for scripts and cross-checks.
    public static func embedTexts(
        _ texts: [String], modelName: String, modelsFolder: String?
    ) throws -> (model: ModelDescriptor, vectors: [[Float]]) {
        let descriptor = try ModelFinder(locator: ModelLocator(modelsOption: modelsFolder)).describe(named: modelName).get()
        do {
            if descriptor.family == CLIPConfiguration.modelType {
                return (descriptor, try CLIPModel(folder: descriptor.folder).embed(texts: texts))
            }
            return (descriptor, try SentenceEncoder(folder: descriptor.folder).embed(texts))
        } catch let error as InferenceError {
            throw EngineError(.modelDamaged, "model \(descriptor.name) cannot be used: \(error.description)")
        }
    }

    /// Removes the vectors of the library's models called `name` (or whose
    /// fingerprint starts with it); returns the models removed.
    public func forgetModel(_ name: String) throws -> [StoredModel] {
        let matching = try library.models().filter { $0.name == name || (name.count >= 8 && $0.fingerprint.hasPrefix(name)) }
        guard !matching.isEmpty else {
            throw EngineError(.unknownModel, "the library has no model called \(name); `mlib models` lists them")
        }
        for model in matching {
            try library.forgetModel(id: model.id)
            try? FileManager.default.removeItem(atPath: library.vectorStorePath(modelID: model.id))
        }
        stores.removeAll()
        return matching
    }

    /// Makes the model in folder `name` serve the text role. The model that served it
    /// before loses its vectors; returns it. The next `index` or `watch` embeds the
    /// library with the new one.
    @discardableResult
    public func useModel(_ name: String) throws -> (model: StoredModel, replaced: StoredModel?) {
        let descriptor = try finder.describe(named: name).get()
        if let problem = Self.loadProblem(descriptor) { throw EngineError(.modelDamaged, problem) }
        let stored = try library.register(descriptor)
        let previous = try library.assign(.text, to: stored.id)
        if let previous { try? FileManager.default.removeItem(atPath: library.vectorStorePath(modelID: previous.id)) }
        return (stored, previous)
    }

    /// Makes the CLIP folder `name` the picture model (its image tower; its text tower
    /// asks the picture questions unless another tower does). The next `index` embeds
    /// every picture with it.
    @discardableResult
    public func usePictureModel(_ name: String) throws -> StoredModel {
        let towers = try finder.towers(named: name).get()
        guard let image = towers.first(where: { $0.tower == .image }) else {
            throw EngineError(.unknownModel, "model \(name) has no image tower; the picture model must be a CLIP folder")
        }
        if let problem = Self.loadProblem(image) { throw EngineError(.modelDamaged, problem) }
        let stored = try library.register(image)
        if let previous = try library.assign(.picture, to: stored.id) {
            try? FileManager.default.removeItem(atPath: library.vectorStorePath(modelID: previous.id))
        }
        if let text = towers.first(where: { $0.tower == .text }) { try library.assign(.pictureQuery, to: try library.register(text).id) }
        return stored
    }

    /// Makes the text tower in folder `name` embed queries against pictures. Its
    /// vectors must live in the picture model's space: CLIP's own text tower, or a
    /// tower trained into it (clip-ViT-B-32-multilingual-v1 for ViT-B/32); mlib can
    /// check only that the lengths agree.
    @discardableResult
    public func usePictureQueryModel(_ name: String) throws -> StoredModel {
        guard let picture = try library.model(for: .picture) else {
            throw EngineError(.unknownModel, "the library has no picture model yet; index with a CLIP model first")
        }
        let descriptor = try finder.describe(named: name).get()
        guard descriptor.tower == .text, descriptor.dimension == picture.dimension else {
            throw EngineError(
                .unknownModel,
                "model \(name) makes \(descriptor.dimension)-d text vectors; the picture model \(picture.name) needs \(picture.dimension)-d ones in its own space")
        }
        if let problem = Self.loadProblem(descriptor) { throw EngineError(.modelDamaged, problem) }
        let stored = try library.register(descriptor)
        _ = try library.assign(.pictureQuery, to: stored.id)
        return stored
    }

    static func loadProblem(_ descriptor: ModelDescriptor) -> String? {
        do {
            if descriptor.family == CLIPConfiguration.modelType {
                let clip = try CLIPModel(folder: descriptor.folder)
                if descriptor.tower == .image {
                    try clip.loadVisionTower()
                    _ = try CLIPImagePreprocessor(folder: descriptor.folder)
                } else {
                    try clip.loadTextTower()
                }
                return nil
            }
            try SentenceEncoder(folder: descriptor.folder).load()
            return nil
        } catch {
            return "model \(descriptor.name) does not load: \(error.description)"
        }
    }

    static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
