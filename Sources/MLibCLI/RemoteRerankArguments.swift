import ArgumentParser
import Foundation
import MLibEngine
import MLibRemote

/// `--reranker-url` and its companions: a served reranker judges the best hits.
struct RemoteRerankArguments: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A served reranker (Jina/Cohere/vLLM/TEI `/v1/rerank` API, such as Qwen3-VL-Reranker) to judge the best hits; its token is read from MLIB_RERANKER_TOKEN. When it fails, mlib's own rerank answers, with one warning.",
            valueName: "url"))
    var rerankerUrl: String?

    @Option(help: ArgumentHelp("The model name to send to the served reranker.", valueName: "name"))
    var rerankerModel: String?

    @Option(help: ArgumentHelp("How many of the best hits the served reranker judges.", valueName: "n"))
    var rerankerDepth = 20

    @Option(help: ArgumentHelp("Seconds to wait for the served reranker, per attempt.", valueName: "seconds"))
    var rerankerTimeout: Double = 10

    func validate() throws {
        if let rerankerUrl, URL(string: rerankerUrl)?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true {
            throw ValidationError("--reranker-url must be an http:// or https:// address, such as http://gpu-box:8000.")
        }
        guard rerankerDepth > 0 else { throw ValidationError("--reranker-depth must be at least 1.") }
        guard rerankerTimeout > 0 else { throw ValidationError("--reranker-timeout must be above 0.") }
    }

    /// The options for the engine, or nil when no served reranker was named.
    func options() throws -> RemoteRerankOptions? {
        guard let rerankerUrl, let url = URL(string: rerankerUrl) else { return nil }
        let token = ProcessInfo.processInfo.environment["MLIB_RERANKER_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return RemoteRerankOptions(
            configuration: RemoteRerankerConfiguration(url: url, model: rerankerModel, token: token, timeout: rerankerTimeout),
            depth: rerankerDepth)
    }
}
