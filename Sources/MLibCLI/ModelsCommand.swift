import ArgumentParser
import Foundation
import MLibEngine
import MLibStore

/// `mlib models`: the models the library holds vectors of and the model folders found.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the library's models (roles, vectors, bytes) and the model folders found, and whether they load.",
        discussion: """
            A model is known by its fingerprint (configuration and weights header), not its folder name: a renamed folder keeps its vectors, and two different models in same-named folders never mix. Any number of models can hold vectors side by side; `mlib index --model NAME` adds one. Loading reads every weight, so listing takes a moment per model. Folders are searched in the order `mlib --help` gives under MODELS.

            EXAMPLES
              mlib models
              mlib models --format json
              mlib models use distiluse-base-multilingual-cased-v2
              mlib models forget all-MiniLM-L6-v2
            """,
        subcommands: [ListModels.self, UseModel.self, ForgetModel.self],
        defaultSubcommand: ListModels.self
    )

    @ParentCommand var root: MLibCommand

    /// Runs a change to the library's models and prints the line it returns; a model
    /// that is not there exits 4, a library that cannot be changed exits 3.
    func change(_ body: (Engine) throws -> String) throws {
        let engine = try CommandContext(root: root).engine(models: root.models, mode: .readWrite)
        do {
            Console.out(try body(engine) + "\n")
        } catch let error as EngineError {
            throw CLIError(message: "mlib: \(error.message)", exitCode: ExitStatus.notFound)
        } catch let error as LibraryError {
            throw CLIError.library(error)
        }
    }

    /// `mlib models [list]`.
    struct ListModels: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List models (the default).")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @ParentCommand var models: ModelsCommand

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        func run() throws {
            let root = models.root
            let context = CommandContext(root: root)
            let reports: [ModelReport]
            if FileManager.default.fileExists(atPath: context.libraryPath) {
                reports = try context.engine(models: root.models, mode: .readOnly).modelReports()
            } else {
                reports = Engine.folderReports(modelsFolder: root.models)
            }
            switch format {
            case .json:
                let object = StatusReport.modelsJSON(reports)
                Console.out(JSONOutput.render(object))
            case .text:
                if reports.isEmpty {
                    Console.out("No models found in: \(Engine.searchPaths(modelsFolder: root.models).joined(separator: ", ")).\nRun `make model` to fetch the default model.\n")
                }
                for report in reports { Console.out(StatusReport.line(report) + "\n") }
            }
        }
    }

    /// `mlib models use NAME`.
    struct UseModel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "use",
            abstract: "Make a model serve a role: the library's text model (the one it replaces loses its vectors), its picture model, or the tower that embeds queries against pictures.",
            discussion: """
                The next `mlib index` or `mlib watch` embeds the library with it. --role picture takes a CLIP folder (its image tower); --role picture-query takes a text tower whose vectors live in the picture model's space, such as CLIP's own or sentence-transformers/clip-ViT-B-32-multilingual-v1 (trained into ViT-B/32's space) for queries in 50 languages.
                """)

        @ParentCommand var models: ModelsCommand

        @Argument(help: "A model folder's name in the model folders, or its path.")
        var name: String

        @Option(help: ArgumentHelp("text, picture or picture-query.", valueName: "role"))
        var role: RoleOption = .text

        enum RoleOption: String, ExpressibleByArgument, CaseIterable {
            case text, picture
            case pictureQuery = "picture-query"
        }

        func run() throws {
            try models.change { engine in
                switch role {
                case .text:
                    let (model, replaced) = try engine.useModel(name)
                    var line = "The library's text model is now \(model.name)"
                    if let replaced { line += "; the vectors of \(replaced.name) were removed" }
                    return line + ". Run `mlib index` to embed the library with it."
                case .picture:
                    let model = try engine.usePictureModel(name)
                    return "The library's picture model is now \(model.name). Run `mlib index` to embed its pictures."
                case .pictureQuery:
                    let model = try engine.usePictureQueryModel(name)
                    return "Queries against pictures are now embedded by \(model.name)."
                }
            }
        }
    }

    /// `mlib models forget NAME`.
    struct ForgetModel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forget", abstract: "Remove a model's vectors from the library.")

        @ParentCommand var models: ModelsCommand

        @Argument(help: "The model's name as `mlib models` shows it, or the start of its fingerprint.")
        var name: String

        func run() throws {
            try models.change { engine in
                "Removed the vectors of \(try engine.forgetModel(name).map(\.name).joined(separator: ", "))."
            }
        }
    }
}
