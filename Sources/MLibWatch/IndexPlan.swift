#if canImport(Glibc)
import Glibc
#endif
import MLibCore
import MLibMedia
import MLibStore
import MLibIngest

/// The difference between folders on disk and what the library holds: which files
/// to read, which are unchanged, and which items are gone.
struct IndexPlan {
    /// What ingest must do: the files to read and the items gone.
    private(set) var work = IngestWork()
    private var seen: Set<RawPath> = []
    /// Rule files read so far; one snapshot per plan.
    private var ignoring = IgnoreLookup()
    /// Paths starting with these bytes are the library's own files.
    private let excludedPrefix: [UInt8]?

    private let skipped: SkippedFiles?

    /// Folders whose disk was unmounted: their items stay, though nothing is found there.
    private let unmounted: [RawPath]

    /// How pixels are read now; images and videos read another way are read again.
    private let pictures: PictureOptions?

    init(
        excluding libraryFiles: RawPath? = nil, skipped: SkippedFiles? = nil, keeping unmounted: [RawPath] = [],
        pictures: PictureOptions? = nil
    ) {
        excludedPrefix = libraryFiles?.bytes
        self.unmounted = unmounted
        self.skipped = skipped
        self.pictures = pictures
    }

    /// Whether a stored, unchanged file's pixels were read as `pictures` would read them.
    private func picturesCurrent(_ file: StoredFile) -> Bool {
        guard let pictures, let reading = file.pictureReading, !file.failed else { return true }
        return reading.key == pictures.readingKey(for: reading.kind)
    }

    private func isLibraryFile(_ path: RawPath) -> Bool {
        guard let excludedPrefix else { return false }
        return path.bytes.starts(with: excludedPrefix)
    }

    /// Adds everything under `root` (a folder or a file) that differs from `stored`,
    /// the library's files under it. Throws when `root` cannot be examined.
    mutating func add(root: RawPath, stored: [StoredFile], walker: DirectoryWalker) throws(WalkError) {
        let byPath = Dictionary(stored.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var seenHere: Set<RawPath> = []
        var entries: [DirectoryWalker.Entry] = []
        try walker.walk(root, ignoring: &ignoring) { entries.append($0) }
        for entry in entries {
            switch entry {
            case .file(let path, let state):
                guard !isLibraryFile(path) else { continue }
                guard seen.insert(path).inserted else { continue }  // overlapping roots
                seenHere.insert(path)
                compare(path, state: state, known: byPath[path])
            case .problem(let path, let code, let reason):
                guard seen.insert(path).inserted else { continue }
                seenHere.insert(path)
                work.found += 1
                if let known = byPath[path], known.failed {
                    work.unchanged += 1
                    work.stillFailing += 1
                } else {
                    let state = FileState(size: 0, modificationTimeNanoseconds: 0, inode: 0, device: 0)
                    work.jobs.append(
                        IndexJob(path: path, state: state, storedID: byPath[path]?.itemID, storedHash: byPath[path]?.contentHash, problem: (code, reason)))
                }
            }
        }
        markMissing(stored.filter { !seenHere.contains($0.path) })
    }

    /// Adds whatever `path` is now: a file to compare with `stored`, a folder to
    /// walk, or nothing, in which case the stored items at and under it are missing.
    mutating func add(path: RawPath, stored: [StoredFile], walker: DirectoryWalker) {
        switch FileProbe.probe(path) {
        case .missing, .other:
            markMissing(stored)
        case .unreachable(let code):
            guard seen.insert(path).inserted else { return }
            markMissing(stored.filter { $0.path != path })
            let known = stored.first { $0.path == path }
            work.found += 1
            let problem: (code: String, reason: String) =
                switch code {
                case ELOOP: ("symlink-loop", "symbolic link loop; the link never reaches a file")
                case ENAMETOOLONG: DirectoryWalker.pathTooLong
                default: ("unreadable", "cannot examine: \(String(cString: strerror(code)))")
                }
            let state = FileState(size: 0, modificationTimeNanoseconds: 0, inode: 0, device: 0)
            work.jobs.append(IndexJob(path: path, state: state, storedID: known?.itemID, storedHash: known?.contentHash, problem: problem))
        case .folder:
            guard !ignoring.isIgnored(path, isDirectory: true), !walker.isShortcut(path) else { return markMissing(stored) }
            do {
                try add(root: path, stored: stored, walker: walker)
            } catch {
                markMissing(stored)
            }
        case .file(let state):
            guard !isLibraryFile(path), !ignoring.isIgnored(path, isDirectory: false),
                !DirectoryWalker.sidecarExtensions.contains(path.pathExtension)
            else { return markMissing(stored) }
            markMissing(stored.filter { $0.path != path })  // it was a folder before
            guard seen.insert(path).inserted else { return }
            // An event named this very file: a failed one is worth another try even
            // unchanged (its permissions may have been fixed; chmod keeps the mtime).
            let known = stored.first { $0.path == path }
            if let known, known.failed {
                work.found += 1
                work.missing[known.itemID] = nil
                work.jobs.append(IndexJob(path: path, state: state, storedID: known.itemID, storedHash: known.contentHash))
            } else {
                compare(path, state: state, known: known)
            }
        }
    }

    /// Adds a file whose content did not change but whose evidence did (a sidecar
    /// beside it was edited): it is read again whatever its state.
    mutating func addRereading(_ file: StoredFile) {
        guard case .file(let state) = FileProbe.probe(file.path), seen.insert(file.path).inserted else { return }
        work.found += 1
        work.missing[file.itemID] = nil
        work.jobs.append(IndexJob(path: file.path, state: state, storedID: file.itemID, storedHash: file.contentHash))
    }

    private mutating func compare(_ path: RawPath, state: FileState, known: StoredFile?) {
        work.found += 1
        if let known { work.missing[known.itemID] = nil }
        if let known, known.state.sameContent(as: state), picturesCurrent(known) {
            work.unchanged += 1
            if known.failed { work.stillFailing += 1 }
        } else if known == nil, skipped?.contains(path, state: state) == true {
            work.knownSkipped += 1
        } else {
            work.jobs.append(IndexJob(path: path, state: state, storedID: known?.itemID, storedHash: known?.contentHash))
        }
    }

    /// Marks stored files not seen as gone, except those on an unmounted disk.
    private mutating func markMissing(_ stored: [StoredFile]) {
        for file in stored where !seen.contains(file.path) {
            if unmounted.contains(where: { file.path.isInside($0) }) { continue }
            work.missing[file.itemID] = file
        }
    }
}
