import Foundation
import MLibCore
import MLibInference
import MLibStore

/// Finds the folder of a model the library knows, by fingerprint: where it was last
/// seen, then a folder of the same name, then any folder in the model folders (a
/// renamed folder is still the same model).
struct ModelFinder: Sendable {
    let locator: ModelLocator

    /// A model folder the user named (a name in the model folders, or a path), read.
    func describe(named name: String) -> Result<ModelDescriptor, EngineError> {
        guard let folder = locator.folder(named: name) else {
            return .failure(EngineError(
                .modelNotFound,
                "model \(name) not found (looked in \(locator.searchPaths.joined(separator: ", "))); run `make model` or pass --models DIR"))
        }
        do {
            return .success(try ModelInspector.describe(folder: folder))
        } catch {
            return .failure(EngineError(.modelDamaged, "model \(name) cannot be used: \(error.description)"))
        }
    }

    /// Every tower of a model folder the user named: one for a sentence model, the
    /// text and the image tower of a CLIP folder.
    func towers(named name: String) -> Result<[ModelDescriptor], EngineError> {
        describe(named: name).flatMap { Self.towers(folder: $0.folder) }
    }

    /// The folder holding `model`, or why there is none.
    func find(_ model: StoredModel) -> Result<ModelDescriptor, EngineError> {
        var candidates: [String] = []
        if let folder = model.folder { candidates.append(folder) }
        if let folder = locator.folder(named: model.name) { candidates.append(folder) }
        var problem: EngineError?
        for folder in candidates {
            switch Self.towers(folder: folder) {
            case .success(let towers):
                if let tower = towers.first(where: { $0.fingerprint == model.fingerprint }) { return .success(tower) }
                if model.isLegacy, let tower = towers.first(where: { $0.name == model.name }) { return .success(tower) }
            case .failure(let error): problem = problem ?? error
            }
        }
        for (_, folder) in locator.available() where !candidates.contains(folder) {
            if case .success(let towers) = Self.towers(folder: folder),
                let tower = towers.first(where: { $0.fingerprint == model.fingerprint })
            {
                return .success(tower)
            }
        }
        if let problem { return .failure(problem) }
        return .failure(EngineError(
            .modelNotFound,
            "model \(model.name), which this library was indexed with, is not in the model folders "
                + "(\(locator.searchPaths.joined(separator: ", "))); put it back or pass --models DIR"))
    }

    static func towers(folder: String) -> Result<[ModelDescriptor], EngineError> {
        do {
            return .success(try ModelInspector.describeTowers(folder: folder))
        } catch {
            let name = URL(fileURLWithPath: folder).lastPathComponent
            return .failure(EngineError(.modelDamaged, "model \(name) cannot be used: \(error.description)"))
        }
    }

    /// The first CLIP folder in the model folders, preferring OpenAI's ViT-B/32: the
    /// picture model a library without one starts with.
    func pictureModel() -> [ModelDescriptor]? {
        let candidates = locator.available().sorted { lhs, rhs in
            let preferred = "clip-vit-base-patch32"
            return (lhs.0 == preferred ? 0 : 1, lhs.0) < (rhs.0 == preferred ? 0 : 1, rhs.0)
        }
        for (_, folder) in candidates {
            if case .success(let towers) = Self.towers(folder: folder), towers.contains(where: { $0.tower == .image }) {
                return towers
            }
        }
        return nil
    }

    static func describe(folder: String) -> Result<ModelDescriptor, EngineError> {
        do {
            return .success(try ModelInspector.describe(folder: folder))
        } catch {
            let name = URL(fileURLWithPath: folder).lastPathComponent
            return .failure(EngineError(.modelDamaged, "model \(name) cannot be used: \(error.description)"))
        }
    }
}
