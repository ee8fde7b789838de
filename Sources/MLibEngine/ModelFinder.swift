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

    /// The folder holding `model`, or why there is none.
    func find(_ model: StoredModel) -> Result<ModelDescriptor, EngineError> {
        var candidates: [String] = []
        if let folder = model.folder { candidates.append(folder) }
        if let folder = locator.folder(named: model.name) { candidates.append(folder) }
        var problem: EngineError?
        for folder in candidates {
            switch Self.describe(folder: folder) {
            case .success(let descriptor) where descriptor.fingerprint == model.fingerprint: return .success(descriptor)
            case .success(let descriptor) where model.isLegacy && descriptor.name == model.name: return .success(descriptor)
            case .success: continue
            case .failure(let error): problem = problem ?? error
            }
        }
        for (_, folder) in locator.available() where !candidates.contains(folder) {
            if case .success(let descriptor) = Self.describe(folder: folder), descriptor.fingerprint == model.fingerprint {
                return .success(descriptor)
            }
        }
        if let problem { return .failure(problem) }
        return .failure(EngineError(
            .modelNotFound,
            "model \(model.name), which this library was indexed with, is not in the model folders "
                + "(\(locator.searchPaths.joined(separator: ", "))); put it back or pass --models DIR"))
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
