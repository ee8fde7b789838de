import ArgumentParser
import Foundation
import Logging
import MLibCore
import MLibEngine
import MLibIngest
import MLibStore
import MLibWatch

/// `mlib watch PATH…`: keeps the library in step with folders while it runs.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Keep the library in step with folders, live, until stopped.",
        discussion: """
            First compares the folders with the library (what changed, appeared or vanished since the last run), then follows them with inotify: new, changed, renamed, moved and deleted files are in the library within about a second. A renamed or moved file keeps its item and its vectors. A file is read once it is complete: after it is closed and a short quiet period, or once its size stops changing. Temporary names (.part, .crdownload, .tmp, ~, .swp, dotfiles) are ignored, and a .mlibignore file excludes more (one glob a line, as in .gitignore).

            When inotify's watch limit runs out, the folders left over are polled, and the log says how to raise the limit. --poll watches by polling only, for network shares and other filesystems inotify cannot see.

            SIGINT or SIGTERM finishes the batch in hand and exits 0; a second signal exits at once (nothing is lost: the next run catches up). One watcher keeps a library at a time; `mlib status` shows what it is doing. Logs go to standard error, one line an event; under systemd they carry journal priorities (see examples/mlib-watch.service).

            EXAMPLES
              mlib watch ~/Media
              mlib watch ~/Notes ~/Pictures --log-level debug
              mlib watch /mnt/share --poll 60
            """
    )

    enum LogLevel: String, ExpressibleByArgument, CaseIterable {
        case trace, debug, info, warning, error

        var level: Logger.Level {
            switch self {
            case .trace: .trace
            case .debug: .debug
            case .info: .info
            case .warning: .warning
            case .error: .error
            }
        }
    }

    @ParentCommand var root: MLibCommand
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var pictureArguments: PictureArguments

    @Argument(help: ArgumentHelp("Folders to watch.", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("Poll every folder this often instead of using inotify.", valueName: "seconds"))
    var poll: Double?

    @Option(
        help: ArgumentHelp(
            "How often folders left without an inotify watch (the watch limit ran out) are polled.",
            valueName: "seconds"))
    var fallbackPoll: Double = 30

    @Option(help: "Log level: trace, debug, info, warning or error.")
    var logLevel: LogLevel = .info

    @Flag(help: "Index words only; give new text its sentence vectors on a later run.")
    var noEmbed = false

    func validate() throws {
        for (name, value) in [("--poll", poll), ("--fallback-poll", fallbackPoll)] {
            if let value, !(value > 0 && value.isFinite) {
                throw ValidationError("\(name) takes a positive number of seconds")
            }
        }
    }

    func run() throws {
        let level = logLevel.level
        let logger = Logger(label: "mlib.watch") { _ in JournalLogHandler(level: level) }
        let context = CommandContext(root: root)
        var roots: [RawPath] = []
        for path in paths {
            let resolved: RawPath
            do {
                resolved = try PathResolver.absolute(RawPath(path))
            } catch {
                throw CLIError(message: "mlib: cannot watch \(path): \(error)", exitCode: ExitStatus.notFound)
            }
            guard FileProbe.probe(resolved) == .folder else {
                throw CLIError(message: "mlib: cannot watch \(path): not a folder", exitCode: ExitStatus.notFound)
            }
            if !roots.contains(where: { resolved.isInside($0) }) {
                roots.removeAll { $0.isInside(resolved) }
                roots.append(resolved)
            }
        }

        let lock: WatchLock
        do {
            lock = try WatchLock(library: context.libraryPath)
        } catch {
            throw CLIError(message: "mlib: \(error)", exitCode: ExitStatus.alreadyWatched)
        }
        let engine = try context.engine(models: root.models, mode: .create)
        var passes: [any ModelPass] = []
        if !noEmbed {
            do {
                let plan = try engine.embeddingPlan(modelName: modelOptions.model)
                passes = plan.passes
                for notice in plan.notices {
                    if notice.isProblem { logger.warning("\(notice.message)") } else { logger.notice("\(notice.message)") }
                }
            } catch let error as EngineError {
                throw CLIError(message: "mlib: \(error.message)", exitCode: ExitStatus.usage)
            }
        }
        let library = engine.library
        var configuration = WatchConfiguration(
            roots: roots, libraryPath: context.libraryPath, pollInterval: poll.map { .milliseconds(Int($0 * 1000)) },
            embedding: passes)
        configuration.pictures = pictureArguments.options
        configuration.fallbackPollInterval = .milliseconds(Int((poll ?? fallbackPoll) * 1000))

        StopSignal.install()
        let service = WatchService(library: library, configuration: configuration, logger: logger)
        do {
            try service.run(until: { StopSignal.signal != nil })
        } catch {
            throw CLIError(message: "mlib: \(error)", exitCode: ExitStatus.notFound)
        }
        withExtendedLifetime(lock) {}
    }
}
