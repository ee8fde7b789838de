import Foundation
import MLibCore
import Logging
import MLibIngest
import MLibWatch

/// The summary an index run prints: one line of counts, then failures.
struct IndexReport {
    var summary: IndexSummary
    var verbose: Bool
    var quiet: Bool

    /// Failures printed one a line before the rest are only counted.
    static let failureLinesShown = 20

    func print() {
        let log = Logger.console(verbose: verbose, quiet: quiet)
        for error in summary.rootErrors {
            log.error("\(error.description)")
        }
        let shown = verbose ? summary.failures.count : min(summary.failures.count, Self.failureLinesShown)
        for failure in summary.failures.prefix(shown) {
            log.warning("not indexed: \(failure.reason)")
        }
        if summary.failures.count > shown {
            log.warning("… and \(summary.failures.count - shown) more not indexed; see `mlib status --failed`")
        }
        guard !quiet else { return }
        Console.out(line + "\n")
        if verbose {
            let kinds = ItemKind.allCases.map { "\($0.rawValue) \(summary.progress.byKind[$0] ?? 0)" }
            Console.out("read by kind: " + kinds.joined(separator: ", ") + "\n")
        }
    }

    var line: String {
        let p = summary.progress
        var parts: [String] = []
        if p.added > 0 { parts.append("\(p.added) new") }
        if p.updated > 0 { parts.append("\(p.updated) changed") }
        if p.moved > 0 { parts.append("\(p.moved) moved") }
        if p.removed > 0 { parts.append("\(p.removed) removed") }
        parts.append("\(p.unchanged) unchanged")
        if p.skipped > 0 { parts.append("\(p.skipped) skipped (not a note, image or video)") }
        let seconds = String(format: "%.2f", p.elapsed)
        var text = "Indexed \(p.found) file\(p.found == 1 ? "" : "s") in \(seconds) s: " + parts.joined(separator: ", ")
        let failing = p.failed + p.stillFailing
        if failing > 0 {
            text += "; \(failing) not indexed (see `mlib status --failed`)"
        }
        return text + "."
    }
}
