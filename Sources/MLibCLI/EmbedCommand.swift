import ArgumentParser
import Foundation
import MLibCore
import MLibEngine
import MLibInference
import MLibMedia

/// `mlib embed TEXT…`: sentence vectors as JSON, for scripts and cross-checks.
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print the vectors of texts, images or video frames as JSON.",
        discussion: """
            Vectors are L2-normalised; compare them with a dot product. With a CLIP model (--model a CLIP folder), texts go through its text tower and --image/--video through its vision tower, into one space: a text and a picture of the same thing come out close.

            EXAMPLES
              mlib embed "seaside holiday" "a week at the beach"
              mlib embed --file sentences.txt --model all-MiniLM-L6-v2
              mlib embed --model clip-vit-base-patch32 --image cat.jpg dog.png
              mlib embed --model clip-vit-base-patch32 --video clip.mp4 --fps 0.5
              mlib embed --model clip-vit-base-patch32 "a photo of a cat"
            """
    )

    @ParentCommand var root: MLibCommand
    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: "Texts to embed.")
    var texts: [String] = []

    @Option(help: ArgumentHelp("Also embed each line of this file.", valueName: "file"))
    var file: String?

    @Option(name: .customLong("image"), parsing: .upToNextOption, help: ArgumentHelp("Embed these image files (a CLIP model).", valueName: "file"))
    var images: [String] = []

    @Option(help: ArgumentHelp("Embed the frames of this video, one vector per sampled frame (a CLIP model).", valueName: "file"))
    var video: String?

    @Option(help: ArgumentHelp("Frames per second sampled from --video, 0.1 to 5.", valueName: "rate"))
    var fps: Double = 1

    func validate() throws {
        if texts.isEmpty && file == nil && images.isEmpty && video == nil {
            throw ValidationError("Give texts to embed, --file, --image or --video.")
        }
        if (!images.isEmpty || video != nil) && !(texts.isEmpty && file == nil) {
            throw ValidationError("Embed texts or pictures in one run, not both.")
        }
        guard fps.isFinite, (0.1...5).contains(fps) else { throw ValidationError("--fps must be between 0.1 and 5.") }
    }

    func run() throws {
        if !images.isEmpty || video != nil { return try embedPictures() }
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

extension EmbedCommand {
    /// `--image` and `--video`: picture vectors from a CLIP model's vision tower.
    private func embedPictures() throws {
        let modelName = modelOptions.model ?? "clip-vit-base-patch32"
        do {
            if let video {
                let (model, frames) = try Engine.embedVideo(RawPath(video), fps: fps, modelName: modelName, modelsFolder: root.models)
                Console.out(JSONOutput.render([
                    "model": .string(model.name), "dimension": .number(Double(model.dimension)), "video": .string(video),
                    "vectors": .array(frames.map { frame in
                        ["time": .number((frame.time * 1000).rounded() / 1000), "vector": .array(frame.vector.map { .number(Double($0)) })]
                    }),
                ]))
            } else {
                let (model, vectors) = try Engine.embedImages(images.map { RawPath($0) }, modelName: modelName, modelsFolder: root.models)
                Console.out(JSONOutput.render([
                    "model": .string(model.name), "dimension": .number(Double(model.dimension)),
                    "vectors": .array(zip(images, vectors).map { path, vector in
                        ["image": .string(path), "vector": .array(vector.map { .number(Double($0)) })]
                    }),
                ]))
            }
        } catch let error as MediaError {
            throw CLIError(message: "mlib: \(error.description)", exitCode: ExitStatus.usage)
        } catch let error as EngineError {
            throw CLIError(message: "mlib: \(error.message)", exitCode: ExitStatus.usage)
        }
    }
}
