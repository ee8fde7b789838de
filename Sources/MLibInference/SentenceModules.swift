import Foundation

/// The module list of a sentence-transformers folder (`modules.json`), in order.
///
/// Each entry's `type` is a Python class path, which sentence-transformers has
/// spelled several ways over its versions (`sentence_transformers.models.Dense`,
/// `sentence_transformers.models.Dense.Dense`, paths under
/// `sentence_transformers.sentence_transformer.modules`); the last component names
/// the module. mlib runs Transformer, Pooling, Dense and Normalize, in that order.
/// A folder without `modules.json` is a plain Hugging Face model: the transformer
/// then mean pooling (or `1_Pooling`'s mode when that folder is there), unnormalised.
struct SentenceModules: Sendable, Hashable {
    /// The kinds of module mlib can run.
    enum Kind: String, Sendable, Hashable, CaseIterable {
        case transformer = "Transformer"
        case pooling = "Pooling"
        case dense = "Dense"
        case normalize = "Normalize"
    }

    /// One entry of `modules.json`.
    struct Module: Sendable, Hashable {
        var kind: Kind
        /// The module's folder inside the model folder (`""` for the transformer).
        var path: String
    }

    /// The modules in the order they run.
    var modules: [Module]

    /// The folder of the pooling module, relative to the model folder, if any.
    var poolingPath: String? { modules.first { $0.kind == .pooling }?.path }

    /// The modules after pooling, in order: Dense and Normalize.
    var head: [Module] { Array(modules.drop { $0.kind != .pooling }.dropFirst()) }

    /// Reads `folder/modules.json`, or describes a plain Hugging Face folder when it is absent.
    static func read(folder: String) throws(InferenceError) -> SentenceModules {
        let path = folder + "/modules.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            var modules = [Module(kind: .transformer, path: "")]
            if FileManager.default.fileExists(atPath: folder + "/1_Pooling/config.json") {
                modules.append(Module(kind: .pooling, path: "1_Pooling"))
            }
            return SentenceModules(modules: modules)
        }
        guard let entries = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else {
            throw InferenceError(.malformed, path: path, message: "modules.json is not a list of modules; the model folder is damaged, fetch the model again")
        }
        var modules: [Module] = []
        for entry in entries {
            guard let type = entry["type"] as? String else {
                throw InferenceError(.malformed, path: path, message: "a module in modules.json has no type; the model folder is damaged, fetch the model again")
            }
            guard let kind = kind(of: type) else {
                throw InferenceError(.unsupported, path: path, message: "module '\(type)' is not supported; mlib runs Transformer, Pooling, Dense and Normalize modules")
            }
            modules.append(Module(kind: kind, path: entry["path"] as? String ?? ""))
        }
        let kinds = modules.map(\.kind)
        guard kinds.first == .transformer, kinds.filter({ $0 == .transformer }).count == 1 else {
            throw InferenceError(.unsupported, path: path, message: "modules.json must start with one Transformer module; this model's layout is not supported")
        }
        guard modules[0].path.isEmpty || modules[0].path == "." else {
            throw InferenceError(.unsupported, path: path, message: "the Transformer module lives in '\(modules[0].path)'; mlib reads models whose transformer files are at the top of the folder")
        }
        guard kinds.count >= 2, kinds[1] == .pooling, !kinds.dropFirst(2).contains(.pooling) else {
            throw InferenceError(.unsupported, path: path, message: "modules.json must have one Pooling module right after the Transformer; this model's layout is not supported")
        }
        return SentenceModules(modules: modules)
    }

    /// The kind a module type names by its last component, whatever the package path
    /// before it (`sentence_transformers.models.Dense` and `….Dense.Dense` alike).
    static func kind(of type: String) -> Kind? {
        guard let last = type.split(separator: ".").last else { return nil }
        return Kind.allCases.first { $0.rawValue.lowercased() == last.lowercased() }
    }
}
