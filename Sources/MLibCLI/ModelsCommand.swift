import ArgumentParser
import Foundation
import MLibInference

/// `mlib models`: the sentence models mlib can see, and whether they load.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the sentence models found, their dimension and whether they load.",
        discussion: """
            Loading reads every weight, so this takes a moment per model. Folders are searched in the order `mlib --help` gives under MODELS.

            EXAMPLES
              mlib models
              mlib --models ~/hf-models models
            """
    )

    @ParentCommand var root: MLibCommand

    func run() throws {
        let locator = ModelLocator(modelsOption: root.models)
        let found = locator.available()
        if found.isEmpty {
            Console.out("No models found in: \(locator.searchPaths.joined(separator: ", ")).\nRun `make model` to fetch \(ModelLocator.defaultModel).\n")
            return
        }
        for (name, folder) in found {
            var line = name + (name == ModelLocator.defaultModel ? " (default)" : "")
            do {
                let encoder = try SentenceEncoder(folder: folder)
                try encoder.load()
                line += "  \(encoder.dimension)-d  loads  \(folder)"
            } catch {
                line += "  does not load: \(error)"
            }
            Console.out(line + "\n")
        }
    }
}
