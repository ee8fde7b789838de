import Foundation
import MLibInference
import MLibSearch
import Synchronization

extension Engine {
    /// The text cross-encoder that reads the best candidates with the query: the first
    /// `BertForSequenceClassification` folder among the models (one named for
    /// MS MARCO first), found and loaded once. None found, none used; one that cannot
    /// be loaded is left out with a warning.
    func passageJudge(warnings: inout [String]) -> CrossEncoderJudge? {
        do {
            return try judges.value(for: "") {
                let folders = finder.locator.available().filter {
                    CrossEncoder.isCrossEncoder(folder: URL(fileURLWithPath: $0.folder))
                }
                guard let chosen = folders.first(where: { $0.name.lowercased().contains("ms-marco") }) ?? folders.first else {
                    return .none
                }
                do {
                    return .some(CrossEncoderJudge(encoder: try CrossEncoder(folder: URL(fileURLWithPath: chosen.folder))))
                } catch {
                    throw EngineError(.modelDamaged, "cross-encoder \(chosen.name) cannot be used: \(error)")
                }
            }.judge
        } catch {
            warnings.append("\(error); the rerank goes on without it")
            return nil
        }
    }
}

/// The cross-encoder found among the models, if any.
enum JudgeChoice: Sendable {
    case none
    case some(CrossEncoderJudge)

    var judge: CrossEncoderJudge? {
        if case .some(let judge) = self { return judge }
        return nil
    }
}

/// A cross-encoder as the rerank's judge. A judge that fails leaves the rerank as it
/// was: its error is kept for the search's warnings, never thrown into the search.
final class CrossEncoderJudge: PassageJudge {
    let encoder: CrossEncoder
    private let failures = Mutex<[String]>([])

    init(encoder: CrossEncoder) {
        self.encoder = encoder
    }

    var name: String { encoder.name }

    func scores(query: String, passages: [String]) throws -> [Double] {
        do {
            return try encoder.scores(query: query, documents: passages).map(Double.init)
        } catch {
            failures.withLock { $0.append("cross-encoder \(encoder.name) failed (\(error)); its reading was left out") }
            return []
        }
    }

    /// The failures since the last call, once each.
    func takeFailures() -> [String] {
        failures.withLock { failures in
            defer { failures.removeAll() }
            return failures
        }
    }
}
