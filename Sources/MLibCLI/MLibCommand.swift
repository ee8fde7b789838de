public import ArgumentParser

/// `mlib`: the root command; it holds the options every subcommand shares.
public struct MLibCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mlib",
        abstract: "A media librarian: index notes, images and videos, then find them by describing them.",
        discussion: """
            mlib keeps everything it learns in one SQLite library file. Index folders once, index them again to pick up changes (unchanged files are skipped, moved files keep their identity, deleted files leave the library), and search in plain words.

            EXAMPLES
              mlib index ~/Media ~/Notes
              mlib watch ~/Media
              mlib search "red dress by cafe window"
              mlib search beach --kind video --format m3u --output beach.m3u
              mlib show ~/Media/holiday.mp4 --format json
              mlib status --failed
              mlib models

            LIBRARY
              --library FILE, else $MLIB_LIBRARY, else $XDG_DATA_HOME/mlib/library.sqlite
              (~/.local/share/mlib/library.sqlite when XDG_DATA_HOME is unset).

            MODELS
              Sentence models (Hugging Face folders, BERT or DistilBERT) are looked for in --models DIR, $MLIB_MODELS, $XDG_DATA_HOME/mlib/models and the checkout's models/ (`make model` fetches the default, all-MiniLM-L6-v2). The library remembers the models it was indexed with, by fingerprint, and searches with them; `mlib models` lists them. Without a model, or with a damaged one, search works by words (with one warning).

            EXIT CODES
              0  success
              1  usage error (unknown option, bad value)
              2  some files could not be indexed (see `mlib status --failed`)
              3  the library cannot be opened (missing, not an mlib library, damaged, newer schema, permissions)
              4  nothing matched the given path or id (show, forget), or a folder cannot be watched
              5  output could not be written
              6  another `mlib watch` already keeps this library
            """,
        version: MLibVersion.current,
        subcommands: [
            IndexCommand.self, WatchCommand.self, SearchCommand.self, ShowCommand.self, StatusCommand.self, ForgetCommand.self,
            ModelsCommand.self, EmbedCommand.self, BenchSearchCommand.self,
            RerankCommand.self,
        ]
    )

    @Option(name: .long, help: ArgumentHelp("The library file to use.", valueName: "file"))
    public var library: String?

    @Option(name: .long, help: ArgumentHelp("Look for sentence models in this folder first.", valueName: "dir"))
    public var models: String?

    public init() {}
}
