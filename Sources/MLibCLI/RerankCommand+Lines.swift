import Foundation
import MLibCore
import MLibEngine
import MLibIngest

extension RerankCommand {
    /// The lines of `data` when it holds several requests, one JSON object a line, or nil.
    static func jsonLines(_ data: Data) -> [Data]? {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Data($0) }
        let filled = lines.filter { !isBlank($0) }
        guard filled.count > 1, let first = filled.first, case .object? = try? JSONDecoder().decode(JSONValue.self, from: first) else {
            return nil
        }
        return lines
    }

    /// Answers each request line in order, one answer a line; a line that is not a
    /// request answers `{"error": "line N: …"}` and the rest go on. Blank lines are skipped.
    func answerLines(_ lines: some Sequence<Data>, folder: String, with session: Session) {
        let progress = Progress(enabled: CommandContext.stderrIsTerminal)
        var number = 0
        for line in lines {
            number += 1
            guard !Self.isBlank(line) else { continue }
            let answer: JSONValue
            var warnings: [String] = []
            do {
                let response = try session.answer(try RerankRequest(json: line, folder: folder))
                warnings = response.warnings
                answer = response.json
            } catch let error as EngineError {
                answer = ["error": .string("line \(number): \(error.message)")]
            } catch {
                answer = ["error": .string("line \(number): \(error)")]
            }
            progress.clear()
            session.warn(warnings)
            Console.out(Self.compact(answer) + "\n")
            progress.answered()
        }
        progress.clear()
    }

    /// One line of JSON, keys sorted.
    static func compact(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func isBlank(_ line: Data) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }

    /// The live line a batch shows on a terminal (on standard error), redrawn at most
    /// ten times a second and cleared before each answer is written.
    final class Progress {
        let enabled: Bool
        private let started = ContinuousClock.now
        private var lastDraw = ContinuousClock.now - .seconds(1)
        private var count = 0
        private var drawn = false

        init(enabled: Bool) {
            self.enabled = enabled
        }

        func answered() {
            count += 1
            guard enabled else { return }
            let now = ContinuousClock.now
            guard now - lastDraw >= .milliseconds(100) else { return }
            lastDraw = now
            let elapsed = (now - started).seconds
            let rate = elapsed > 0 ? Double(count) / elapsed : 0
            Console.error("\r\u{1B}[Kreranking: \(count) requests answered · \(String(format: "%.1f", rate))/s")
            drawn = true
        }

        func clear() {
            if drawn { Console.error("\r\u{1B}[K") }
            drawn = false
        }
    }
}
