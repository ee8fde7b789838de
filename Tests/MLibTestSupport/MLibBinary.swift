import Foundation

/// The built `mlib` executable, run as a user would run it.
public struct MLibBinary: Sendable {
    public let path: String
    public let library: String

    /// The binary from `MLIB_BINARY`, else the package's debug build.
    public static var executablePath: String {
        if let path = ProcessInfo.processInfo.environment["MLIB_BINARY"], !path.isEmpty { return path }
        return Fixtures.packageRoot + "/.build/debug/mlib"
    }

    public init(library: String) {
        self.path = Self.executablePath
        self.library = library
    }

    /// Runs `mlib --library LIBRARY arguments…`.
    @discardableResult
    public func run(_ arguments: [String], environment: [String: String]? = nil) throws -> ExternalTool.Output {
        try ExternalTool.run(path, ["--library", library] + arguments, environment: environment)
    }

    /// Runs a search and returns the paths of the hits, via the JSON export; by words
    /// unless another `mode` is asked for.
    public func searchPaths(_ query: String, mode: String = "keyword", extra: [String] = []) throws -> [String] {
        let output = try run(["search", query, "--mode", mode, "--format", "json", "--limit", "100"] + extra)
        guard output.status == 0,
            let object = try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any],
            let results = object["results"] as? [[String: Any]]
        else { return ["<search failed: \(output.stderrString)>"] }
        return results.compactMap { $0["path"] as? String }
    }
}
