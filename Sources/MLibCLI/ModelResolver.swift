import Foundation
import MLibCore
import MLibInference
import MLibSearch
import MLibStore

/// Turns `--models` and `--model` into a sentence model, or says why there is none.
///
/// Only the model's configuration is read here; its weights load on the first text
/// embedded, so a command that finds everything cached never pays for them.
struct ModelResolver {
    let locator: ModelLocator
    let name: String
    /// Whether a missing model is an error (the user named it, or the command needs
    /// one) rather than a notice.
    let explicit: Bool

    init(root: MLibCommand, options: ModelOptions, required: Bool = false) {
        locator = ModelLocator(modelsOption: root.models)
        name = options.model ?? ModelLocator.defaultModel
        explicit = required || options.model != nil
    }

    /// The model, or nil with `notice` set when it cannot be found or read.
    func encoder() throws -> SentenceEncoder? {
        guard let folder = locator.folder(named: name) else {
            let message =
                "model \(name) not found (looked in \(locator.searchPaths.joined(separator: ", "))); "
                + "run `make model` or pass --models DIR"
            if explicit { throw CLIError(message: "mlib: " + message, exitCode: ExitStatus.usage) }
            return nil
        }
        do {
            return try SentenceEncoder(folder: folder)
        } catch {
            if explicit { throw CLIError(message: "mlib: \(error.description)", exitCode: ExitStatus.usage) }
            Console.error("warning: \(error.description); searching by words only\n")
            return nil
        }
    }

    /// The one line said when semantic search is off because the default model is missing.
    var missingNotice: String {
        "note: semantic search is off: model \(name) not found; run `make model` or pass --models DIR\n"
    }
}
