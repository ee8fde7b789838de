import MLibCore

/// The rerank's reasons as short lines for a terminal (`mlib search --explain`).
enum ExplanationText {
    /// One line for the query's hints: `hints: kind: video ("video of") · date: …`.
    static func hints(_ results: SearchResults) -> String {
        let ranking = "ranking: \(results.ranking)"
        guard !results.hints.isEmpty else { return "hints: none · " + ranking }
        return "hints: " + results.hints.joined(separator: " · ") + " · " + ranking
    }

    /// Lines under a hit: the probability and each component's value and effect on the
    /// log-odds, then the judges, recall's view and the best frames.
    static func lines(for hit: SearchHit) -> [String] {
        guard let explanation = hit.explanation else {
            return ["why: recall order, fusion score \(number(hit.score))"]
        }
        var lines: [String] = []
        let parts = explanation.components.filter { $0.contribution != 0 || $0.value != 0 }.map {
            "\($0.name) \(number($0.value)) → \(signed($0.contribution))"
        }
        lines.append(
            "why: p=\(number(explanation.probability)) (\(explanation.model) model, bias \(signed(explanation.bias))) "
                + parts.joined(separator: " · "))
        var more: [String] = []
        if let judge = explanation.judgeScore { more.append("judge \(signed(judge))") }
        if let remote = explanation.remoteScore { more.append("remote \(number(remote))") }
        more.append("recall #\(explanation.recallRank) (\(number(explanation.recallScore)))")
        if !hit.topFrames.isEmpty {
            more.append("frames " + hit.topFrames.map { TableExporter.clock($0.time) + " " + number($0.similarity) }.joined(separator: ", "))
        }
        lines.append("     " + more.joined(separator: " · "))
        return lines
    }

    static func number(_ value: Double) -> String {
        TableExporter.scoreText(value)
    }

    static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + TableExporter.scoreText(value)
    }
}
