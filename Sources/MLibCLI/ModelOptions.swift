import ArgumentParser

/// `--model NAME`, shared by the commands that embed text.
struct ModelOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The sentence model: a folder name in the model folders, or a path (default all-MiniLM-L6-v2).",
            valueName: "name"))
    var model: String?
}
