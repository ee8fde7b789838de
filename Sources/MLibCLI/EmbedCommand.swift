import ArgumentParser
import Foundation
import MLibCore
import MLibEngine
import MLibInference

/// `mlib embed TEXT…`: sentence vectors as JSON, for scripts and cross-checks.
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print the sentence vectors of texts as JSON.",
        discussion: """
            Vectors are L2-normalised; compare them with a dot product.

            EXAMPLES
              mlib embed "seaside holiday" "a week at the beach"
              mlib embed --file sentences.txt --model all-MiniLM-L6-v2
            """
    )

    @ParentCommand var root: MLibCommand
    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: "Texts to embed.")
    var texts: [String] = []

    @Option(help: ArgumentHelp("Also embed each line of this file.", valueName: "file"))
    var file: String?

    func validate() throws {
        if texts.isEmpty && file == nil { throw ValidationError("Give texts to embed, or --file.") }
    }

    func run() throws {
        var all = texts
        if let file {
            do {
                let content = try String(contentsOfFile: file, encoding: .utf8)
                all += content.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if all.last == "" { all.removeLast() }
            } catch {
                throw CLIError(message: "mlib: cannot read \(file): \(error.localizedDescription)", exitCode: ExitStatus.usage)
            }
        }
        let model: ModelDescriptor
        let vectors: [[Float]]
        do {
            (model, vectors) = try Engine.embedTexts(
                all, modelName: modelOptions.model ?? ModelLocator.defaultModel, modelsFolder: root.models)
        } catch {
            throw CLIError(message: "mlib: \(error)", exitCode: ExitStatus.usage)
        }
        let object: JSONValue = [
            "model": .string(model.name),
            "dimension": .number(Double(model.dimension)),
            "vectors": .array(zip(all, vectors).map { text, vector in
                ["text": .string(text), "vector": .array(vector.map { .number(Double($0)) })]
            }),
        ]
        Console.out(JSONOutput.render(object))
    }
}
