import Foundation
import MLibCore
import MLibIngest

/// The live line an index run shows on a terminal, redrawn at most ten times a second.
final class ProgressLine {
    let enabled: Bool
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private var drawn = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func show(_ progress: IndexProgress) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        let rate = progress.elapsed > 0 ? Double(progress.processed) / progress.elapsed : 0
        var line = "\r\u{1B}[K"
        if progress.toProcess == 0 {
            line += "scanning… \(progress.found) files found"
        } else {
            line += "indexing \(progress.processed)/\(progress.toProcess) files · \(Int(rate.rounded())) files/s"
            let kinds = ItemKind.allCases.compactMap { kind in
                progress.byKind[kind].map { "\($0) \(kind.rawValue)" }
            }
            if !kinds.isEmpty { line += " · " + kinds.joined(separator: ", ") }
            if progress.failed > 0 { line += " · \(progress.failed) failed" }
        }
        Console.error(line)
        drawn = true
    }

    func show(_ progress: EmbeddingProgress) {
        guard enabled, progress.total > 0 else { return }
        let now = ContinuousClock.now
        guard now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        let rate = progress.elapsed > 0 ? Double(progress.done) / progress.elapsed : 0
        Console.error("\r\u{1B}[Kembedding \(progress.done)/\(progress.total) passages · \(Int(rate.rounded()))/s")
        drawn = true
    }

    /// Clears the line so the summary starts on a clean one.
    func finish() {
        if drawn { Console.error("\r\u{1B}[K") }
        drawn = false
    }
}
