import Foundation
public import MLibCore
public import MLibIngest
public import MLibMedia
public import MLibStore

/// Brings the library in line with folders on disk: new and changed files are read
/// and stored, unchanged ones skipped, moved ones keep their item id, and files gone
/// from a scanned folder leave the library.
///
/// The indexer finds what differs (walking folders, or looking where the watcher
/// points) and hands it to the `IngestPipeline`, which reads files on a pool of
/// worker threads sized to the machine and writes each batch in one transaction, so
/// a crash loses at most the batch in flight.
///
/// ```swift
/// let summary = try Indexer(library: library).run(roots: [RawPath("/home/ana/Media")]) { progress in
///     print(progress.processed, "of", progress.toProcess)
/// }
/// ```
public struct Indexer: Sendable {
    public let library: Library
    let pipeline: IngestPipeline
    /// How pixels are read: unchanged pictures read another way are read again.
    let pictures: PictureOptions?
    /// The library file's own path: it and the files beside it that share its name
    /// (`-wal`, `-shm`, the watcher's status and lock) are never indexed, even when
    /// the library lives inside a scanned folder.
    let libraryFiles: RawPath?

    /// - Parameters:
    ///   - workers: threads reading files; nil sizes the pool to the cores.
    ///   - pictures: how to look at pixels of images and videos; nil reads metadata only.
    public init(library: Library, workers: Int? = nil, batchSize: Int = 64, pictures: PictureOptions? = PictureOptions()) {
        self.library = library
        pipeline = IngestPipeline(library: library, workers: workers, batchSize: batchSize, pictures: pictures)
        self.pictures = pictures
        let file = RawPath(library.path)
        libraryFiles = (try? PathResolver.absolute(file.parent)).map { $0.appending(component: file.lastComponent) }
    }

    /// Indexes `roots` (files or folders) and reports progress after every batch.
    ///
    /// A root that cannot be examined is reported in the summary and its stored
    /// items are kept (an unmounted disk must not empty the library).
    public func run(
        roots: [RawPath], progress report: (IndexProgress) -> Void = { _ in }
    ) throws(LibraryError) -> IndexSummary {
        var summary = IndexSummary()
        var plan = IndexPlan(excluding: libraryFiles, skipped: pipeline.skipped, pictures: pictures)
        let walker = DirectoryWalker(trees: roots.compactMap { try? PathResolver.absolute($0) })
        for root in roots {
            let absolute: RawPath
            do {
                absolute = try PathResolver.absolute(root)
            } catch {
                summary.rootErrors.append(error)
                continue
            }
            let stored = try library.storedFiles(under: absolute)
            do {
                try plan.add(root: absolute, stored: stored, walker: walker)
            } catch {
                summary.rootErrors.append(error)
            }
        }
        (summary.progress, summary.failures) = try pipeline.run(plan.work, progress: report)
        return summary
    }

    /// Makes the library agree with the disk at the places the watcher names.
    ///
    /// Renamed files and folders keep their items without being read again (only
    /// their name words change); new and changed files are read; items whose files
    /// are gone leave, unless a new file is one of them moved (same content). A
    /// missing folder in `roots` keeps its items, as in `run(roots:)`: a watched
    /// disk that is unmounted must not empty the library.
    ///
    /// `isCancelled` is asked between batches; a cancelled run stops there, before
    /// removing anything, and leaves the rest to the next reconcile.
    ///
    /// Items inside `unmounted` (folders whose disk was unmounted) stay however
    /// empty those folders look.
    public func apply(
        _ changes: [Reconciliation], roots: Set<RawPath>, keeping unmounted: [RawPath] = [],
        isCancelled: () -> Bool = { false }, events: (IndexEvent) -> Void = { _ in }
    ) throws(LibraryError) -> IndexSummary {
        var summary = IndexSummary()
        var plan = IndexPlan(excluding: libraryFiles, skipped: pipeline.skipped, keeping: unmounted, pictures: pictures)
        let walker = DirectoryWalker(trees: Array(roots))
        for change in changes {
            switch change {
            case .path(let path):
                if DirectoryWalker.sidecarExtensions.contains(path.pathExtension) {
                    for owner in try library.storedFiles(under: path.parent) where owner.path.isDescribed(by: path) {
                        plan.addRereading(owner)
                    }
                }
                plan.add(path: path, stored: try library.storedFiles(under: path), walker: walker)
            case .folder(let folder):
                if roots.contains(folder), case .missing = FileProbe.probe(folder) { continue }
                plan.add(path: folder, stored: try library.storedFiles(under: folder), walker: walker)
            case .move(let from, let to):
                try relocate(from: from, to: to, events: events)
                plan.add(path: from, stored: try library.storedFiles(under: from), walker: walker)
                // A `to` gone again was moved on or deleted: the events for that follow.
                if FileProbe.probe(to) != .missing {
                    plan.add(path: to, stored: try library.storedFiles(under: to), walker: walker)
                }
            }
        }
        (summary.progress, summary.failures) = try pipeline.run(plan.work, isCancelled: isCancelled, events: events)
        return summary
    }

    /// Files under a folder that differ from the library, found without reading them.
    public struct Differences: Sendable {
        /// New or changed files, with their sizes.
        public var changed: [(path: RawPath, size: Int64)] = []
        /// Paths of stored items whose files are gone.
        public var gone: [RawPath] = []
    }

    /// What differs under `folder` (inside the trees `roots`) between the disk and
    /// the library, for polling: the caller lets changed files settle before
    /// applying them.
    public func differences(
        under folder: RawPath, roots: [RawPath], keeping unmounted: [RawPath] = []
    ) throws(LibraryError) -> Differences {
        var plan = IndexPlan(excluding: libraryFiles, skipped: pipeline.skipped, keeping: unmounted, pictures: pictures)
        plan.add(path: folder, stored: try library.storedFiles(under: folder), walker: DirectoryWalker(trees: roots))
        var differences = Differences()
        differences.changed = plan.work.jobs.map { ($0.path, $0.state.size) }
        differences.gone = plan.work.missing.values.map(\.path)
        return differences
    }

    /// Gives the items at or under `from` their paths under `to`, once `from` is gone.
    ///
    /// `to` itself may be gone again already (renamed twice, or its folder moved
    /// on): the item follows the events, and the later ones carry it further.
    private func relocate(from: RawPath, to: RawPath, events: (IndexEvent) -> Void) throws(LibraryError) {
        guard FileProbe.isAbsent(from) else { return }
        let relocations = try library.storedFiles(under: from).map { item in
            let moved = RawPath(bytes: to.bytes + item.path.bytes.dropFirst(from.bytes.count))
            return ItemRelocation(itemID: item.itemID, path: moved, nameWords: NameWords.words(for: moved))
        }
        try library.relocate(relocations)
        if !relocations.isEmpty { events(.moved(from: from, to: to)) }
    }
}

extension RawPath {
    /// Whether `sidecar` (`photo.xmp`, `photo.jpg.xmp`, `clip.en.srt`) describes this
    /// file: it lies beside it and its name starts with this file's name up to the
    /// extension, then a dot.
    func isDescribed(by sidecar: RawPath) -> Bool {
        guard parent == sidecar.parent, self != sidecar else { return false }
        let name = lastComponent
        let stem = name.lastIndex(of: UInt8(ascii: ".")).map { Array(name[..<$0]) } ?? name
        return sidecar.lastComponent.starts(with: stem + [UInt8(ascii: ".")])
    }
}
