public import Foundation

/// Finds model folders: `--models DIR`, then `MLIB_MODELS` (folders separated by
/// `:`), then `$XDG_DATA_HOME/mlib/models`, then the `models/` folder of the mlib
/// checkout the binary was built in (or `PREFIX/share/mlib/models` for an installed
/// binary), then `./models`.
///
/// A model is a folder named after it, holding at least `config.json`.
public struct ModelLocator: Sendable {
    /// The sentence model mlib uses unless told otherwise (`make model` fetches it).
    public static let defaultModel = "all-MiniLM-L6-v2"

    /// Where models are looked for, in order, existing or not.
    public let searchPaths: [String]

    public init(
        modelsOption: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String = CommandLine.arguments.first ?? ""
    ) {
        var paths: [String] = []
        if let modelsOption, !modelsOption.isEmpty { paths.append(modelsOption) }
        if let variable = environment["MLIB_MODELS"] {
            paths += variable.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        paths.append(dataHome + "/mlib/models")
        if let checkout = Self.checkout(containing: executablePath) {
            paths.append(checkout + "/models")
        } else if !executablePath.isEmpty {
            // Installed as PREFIX/bin/mlib: `make install` puts models in PREFIX/share.
            let prefix = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
                .deletingLastPathComponent().deletingLastPathComponent()
            paths.append(prefix.path + "/share/mlib/models")
        }
        paths.append(FileManager.default.currentDirectoryPath + "/models")
        var seen: Set<String> = []
        searchPaths = paths.map { ($0 as NSString).standardizingPath }.filter { seen.insert($0).inserted }
    }

    /// The folder of the model called `name` (or `name` itself when it is a path to a
    /// model folder), or nil.
    public func folder(named name: String) -> String? {
        if name.contains("/") {
            return Self.isModelFolder(name) ? name : nil
        }
        return searchPaths.lazy.map { $0 + "/" + name }.first(where: Self.isModelFolder)
    }

    /// Every model found, by name, the first of each name in search order.
    public func available() -> [(name: String, folder: String)] {
        var found: [(name: String, folder: String)] = []
        var names: Set<String> = []
        for path in searchPaths {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for entry in entries.sorted() where !names.contains(entry) && Self.isModelFolder(path + "/" + entry) {
                names.insert(entry)
                found.append((entry, path + "/" + entry))
            }
        }
        return found
    }

    /// The mlib checkout a binary was built in (`<checkout>/.build/…/mlib`): the
    /// nearest folder above it holding `Package.swift`. `.build/release` is itself a
    /// link, so both the path as called and the resolved one are tried.
    static func checkout(containing executablePath: String) -> String? {
        guard !executablePath.isEmpty else { return nil }
        let called = URL(fileURLWithPath: executablePath).standardizedFileURL
        for start in [called, called.resolvingSymlinksInPath()] {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<5 {
                if FileManager.default.fileExists(atPath: folder.path + "/Package.swift") { return folder.path }
                folder = folder.deletingLastPathComponent()
            }
        }
        return nil
    }

    static func isModelFolder(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/config.json")
    }
}
