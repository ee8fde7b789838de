#if canImport(Glibc)
import Glibc
#endif
public import MLibCore

/// Watches a folder and every folder under it with inotify, and reports changes.
///
/// Each folder gets its own watch; folders that appear later are watched as soon
/// as their creation is seen and reported as `.directoryAppeared`, so the caller
/// scans them for files that landed before the watch existed. Renames are paired
/// by cookie into `.moved`, and the paths of watched folders follow renames.
///
/// Hidden entries (names starting with `.`) are invisible, as in `DirectoryWalker`:
/// a file renamed from a hidden name shows up as written, one renamed to a hidden
/// name as removed. The one exception is `.mlibignore`: any change to it is
/// reported as `.rulesChanged` of its folder. Other ignore rules are the caller's
/// to apply (see `IgnoreLookup`). Symbolic links to folders outside the watched
/// trees are followed, as the walk follows them: the folder a link names is
/// watched under the link's path. A link to a folder inside the trees (or a loop)
/// adds nothing, since that folder is watched where it is.
///
/// A new regular file is reported as `.appeared` when created and as `.written`
/// when closed after writing; a copier that writes without closing for a long time
/// leaves the caller only `.appeared`, and its size to watch.
///
/// When `fs.inotify.max_user_watches` runs out, watching goes on for the folders
/// already watched; `watchLimitReached` becomes true and `unwatchedDirectories`
/// lists the folders the caller must poll.
///
/// ```swift
/// let watcher = try TreeWatcher(root: RawPath("/home/ana/Media"))
/// while true {
///     for change in watcher.next(timeout: .seconds(1)) { apply(change) }
/// }
/// ```
///
/// To wait on several watchers (or other descriptors) at once, `poll(2)` their
/// ``fileDescriptor``s and call `next(timeout: .zero)` on those that are readable.
///
/// Not thread-safe: one owner calls `next(timeout:)` at a time.
public final class TreeWatcher {
    /// The events every folder is watched for.
    public static let directoryMask: InotifyMask = [
        .closeWrite, .create, .delete, .movedFrom, .movedTo, .deleteSelf, .moveSelf, .attrib,
        .onlyDirectory, .excludeUnlinked,
    ]

    /// How long to wait for the second half of a rename that the kernel had not
    /// queued yet when the first half was read (a move out of the tree waits this long).
    static let moveGrace: Duration = .milliseconds(100)

    /// The watched folders.
    public let roots: [RawPath]
    /// The first watched folder.
    public var root: RawPath { roots[0] }
    /// Roots deleted, moved away or unmounted; nothing under them is watched.
    public private(set) var goneRoots: Set<RawPath> = []
    /// Whether adding a watch failed because `fs.inotify.max_user_watches` is used up.
    public private(set) var watchLimitReached = false
    /// Folders left without a watch because of the limit; poll these.
    public private(set) var unwatchedDirectories: Set<RawPath> = []

    /// How many folders are watched now.
    public var watchedDirectoryCount: Int { pathByWatch.count }

    /// The inotify descriptor, to `poll(2)` together with others (for `POLLIN`).
    ///
    /// Once it is readable, `next(timeout: .zero)` returns the changes queued
    /// without waiting, except for up to `moveGrace` (100 ms) when the queue ends on
    /// the first half of a rename. Only read it through `next(timeout:)`, and do not
    /// close it: the watcher owns it.
    public var fileDescriptor: Int32 { inotify.fileDescriptor }

    private let inotify: Inotify
    private var pathByWatch: [Int32: RawPath] = [:]
    private var watchByPath: [RawPath: Int32] = [:]
    private var rootByWatch: [Int32: RawPath] = [:]

    /// Starts watching `roots` and every folder under each, with one inotify
    /// instance, so a file moved from one root to another is reported as `.moved`.
    ///
    /// Throws when inotify is unavailable, or a root is missing, not a folder or
    /// unreadable. Running out of watches does not throw (see `watchLimitReached`).
    /// Roots must not lie inside one another.
    public init(roots: [RawPath]) throws(WatchError) {
        precondition(!roots.isEmpty, "a watcher needs a folder to watch")
        self.roots = roots
        inotify = try Inotify()
        for root in roots {
            try watchRoot(root)
        }
    }

    /// Starts watching `root` and every folder under it.
    public convenience init(root: RawPath) throws(WatchError) {
        try self.init(roots: [root])
    }

    /// Watches a root again after it was reported gone and came back (a disk
    /// mounted again); the caller rescans it.
    public func rewatch(_ root: RawPath) throws(WatchError) {
        guard goneRoots.contains(root) else { return }
        try watchRoot(root)
        goneRoots.remove(root)
    }

    private func watchRoot(_ root: RawPath) throws(WatchError) {
        do {
            let watch = try inotify.addWatch(root, mask: Self.directoryMask)
            rootByWatch[watch] = root
            pathByWatch[watch] = root
            watchByPath[root] = watch
        } catch where error.code == .watchLimit {
            watchLimitReached = true
            unwatchedDirectories.insert(root)
        }
        for folder in subdirectories(of: root) {
            watchTree(folder)
        }
    }

    /// Tries again to watch `folders` (left unwatched when the watch limit ran out)
    /// and everything under them; those that still do not fit stay in
    /// `unwatchedDirectories`.
    public func retryUnwatched(_ folders: [RawPath]) {
        for folder in folders where unwatchedDirectories.contains(folder) {
            unwatchedDirectories.remove(folder)
            if roots.contains(folder) {
                try? watchRoot(folder)
            } else {
                watchTree(folder)
            }
        }
        watchLimitReached = !unwatchedDirectories.isEmpty
    }

    /// Watches `folder` (inside a root) and every folder under it again, as after a
    /// disk was mounted there anew; the caller rescans it.
    public func watch(folder: RawPath) {
        watchTree(folder)
    }

    /// Waits up to `timeout` for changes and returns them in the order they happened.
    ///
    /// Returns an empty array when nothing changed in time; `.zero` does not wait,
    /// and returns what is queued.
    public func next(timeout: Duration) -> [FileChange] {
        let events: [InotifyEvent]
        do {
            events = try inotify.read(timeout: timeout)
        } catch {
            // Reading an inotify descriptor fails only if the kernel lost state; the
            // caller's answer to lost events is a full rescan.
            rescan()
            return [.overflow]
        }
        if events.isEmpty { return [] }
        var batch = Batch()
        process(events, into: &batch)
        // The kernel queues a rename's two halves back to back, so only a batch that
        // ends on an unpaired first half may have its second half still coming.
        if let last = events.last, last.mask.contains(.movedFrom), batch.moves[last.cookie] != nil,
            let more = try? inotify.read(timeout: Self.moveGrace), !more.isEmpty
        {
            process(more, into: &batch)
        }
        return finish(batch)
    }

    // MARK: - Translating events

    /// A change or the place a rename's first half left, in event order.
    private enum Slot {
        case change(FileChange)
        case pendingMove(UInt32)
    }

    private struct PendingMove {
        var from: RawPath
        var isDirectory: Bool
        var slot: Int
    }

    private struct Batch {
        var slots: [Slot] = []
        var moves: [UInt32: PendingMove] = [:]

        mutating func append(_ change: FileChange) {
            if case .change(let last)? = slots.last, last == change { return }
            slots.append(.change(change))
        }
    }

    private func process(_ events: [InotifyEvent], into batch: inout Batch) {
        for event in events {
            if event.mask.contains(.queueOverflow) {
                rescan()
                batch.append(.overflow)
                continue
            }
            guard let folder = pathByWatch[event.watch] else { continue }
            if event.mask.contains(.ignored) {
                forget(watch: event.watch)
                continue
            }
            if event.name.isEmpty {
                handleSelfEvent(event, folder: folder, into: &batch)
                continue
            }
            let isDirectory = event.mask.contains(.isDirectory)
            if event.name.first == UInt8(ascii: ".") {
                // Every event on the watched mask is a change to the rules' contents.
                if event.name == Self.ruleFileName, !isDirectory { batch.append(.rulesChanged(folder)) }
                continue
            }
            let path = folder.appending(component: event.name)
            if event.mask.contains(.movedFrom) {
                batch.moves[event.cookie] = PendingMove(from: path, isDirectory: isDirectory, slot: batch.slots.count)
                batch.slots.append(.pendingMove(event.cookie))
            } else if event.mask.contains(.movedTo) {
                handleMovedTo(path, isDirectory: isDirectory, cookie: event.cookie, into: &batch)
            } else if event.mask.contains(.create) {
                if isDirectory {
                    watchTree(path)
                    batch.append(.directoryAppeared(path))
                } else if let change = creation(path) {
                    if case .directoryAppeared = change { watchTree(path) }
                    batch.append(change)
                }
            } else if event.mask.contains(.delete) {
                if isDirectory || watchByPath[path] != nil {  // a folder, or a link to one
                    dropWatches(under: path, removingFromKernel: !isDirectory)
                    batch.append(.directoryRemoved(path))
                } else {
                    batch.append(.removed(path))
                }
            } else if !isDirectory, !event.mask.isDisjoint(with: [.closeWrite, .attrib]) {
                batch.append(.written(path))
            }
        }
    }

    private static let ruleFileName = Array(IgnoreRules.ignoreFileName.utf8)

    private func handleSelfEvent(_ event: InotifyEvent, folder: RawPath, into batch: inout Batch) {
        let gone: InotifyMask = [.deleteSelf, .moveSelf, .unmount]
        if let root = rootByWatch[event.watch], !event.mask.isDisjoint(with: gone) {
            batch.append(.rootGone(root))
            dropWatches(under: root, removingFromKernel: true)
            rootByWatch[event.watch] = nil
            goneRoots.insert(root)
        } else if event.mask.contains(.unmount) {
            // Every watch on the filesystem hears this; the kernel drops them itself.
            dropWatches(under: folder, removingFromKernel: false)
            batch.append(.unmounted(folder))
        }
        // A subfolder's own delete or move is reported by its parent's watch.
    }

    private func handleMovedTo(_ path: RawPath, isDirectory: Bool, cookie: UInt32, into batch: inout Batch) {
        guard let move = batch.moves.removeValue(forKey: cookie) else {
            if isDirectory || isLinkToFolder(path) {
                watchTree(path)
                batch.append(.directoryAppeared(path))
            } else {
                batch.append(.written(path))
            }
            return
        }
        batch.slots[move.slot] = .change(.moved(from: move.from, to: path))
        if isDirectory || watchByPath[move.from] != nil {
            if watchByPath[move.from] != nil {
                renameWatches(from: move.from, to: path)
            } else {
                watchTree(path)
            }
        }
    }

    /// Resolves renames whose second half never came (moved out of the tree) and
    /// drops changes reported inside a folder after it left the tree.
    private func finish(_ batch: Batch) -> [FileChange] {
        var slots = batch.slots
        for move in batch.moves.values {
            if move.isDirectory || watchByPath[move.from] != nil {
                dropWatches(under: move.from, removingFromKernel: true)
                slots[move.slot] = .change(.directoryRemoved(move.from))
            } else {
                slots[move.slot] = .change(.removed(move.from))
            }
        }
        var changes: [FileChange] = []
        var goneFolders: [RawPath] = []
        func isGone(_ path: RawPath) -> Bool { goneFolders.contains { path != $0 && path.isInside($0) } }
        for slot in slots {
            guard case .change(let change) = slot else { continue }
            switch change {
            case .directoryRemoved(let folder):
                goneFolders.append(folder)
                changes.append(change)
            case .moved(let from, let to):
                goneFolders.removeAll { $0.isInside(to) }
                if isGone(to) { continue }
                changes.append(isGone(from) ? .written(to) : change)
            case .written(let path), .removed(let path), .appeared(let path):
                if !isGone(path) { changes.append(change) }
            case .rulesChanged(let folder):
                if !goneFolders.contains(where: { folder.isInside($0) }) { changes.append(change) }
            case .directoryAppeared(let folder):
                goneFolders.removeAll { $0.isInside(folder) }
                if !isGone(folder) { changes.append(change) }
            case .overflow, .rootGone, .unmounted:
                changes.append(change)
            }
        }
        return Self.droppingSupersededAppearances(changes)
    }

    /// Drops each `.appeared` whose file's next change in the batch is `.written`:
    /// the file was closed already, so there is nothing to wait for.
    private static func droppingSupersededAppearances(_ changes: [FileChange]) -> [FileChange] {
        guard changes.contains(where: { if case .appeared = $0 { true } else { false } }) else { return changes }
        // Walking backwards, whether each path's next change is a close-write.
        var nextIsWritten: [RawPath: Bool] = [:]
        var kept: [FileChange] = []
        for change in changes.reversed() {
            switch change {
            case .appeared(let path):
                if nextIsWritten[path] == true { continue }
                nextIsWritten[path] = false
            case .written(let path):
                nextIsWritten[path] = true
            case .removed(let path):
                nextIsWritten[path] = false
            case .moved(let from, let to):
                nextIsWritten[from] = false
                nextIsWritten[to] = false
            default:
                break
            }
            kept.append(change)
        }
        return kept.reversed()
    }

    // MARK: - Keeping the watches

    /// Watches `folder` and every folder under it, unless it is hidden; adds the
    /// watches it holds to `touched`.
    private func watchTree(_ folder: RawPath, touched: inout Set<Int32>) {
        guard folder.lastComponent.first != UInt8(ascii: ".") else { return }
        let isLink = isSymbolicLink(folder)
        if isLink, DirectoryWalker.isShortcut(folder, within: roots) {
            return  // its folder is watched where it is
        }
        do {
            // A link is followed to the folder it names, which is watched under the
            // link's path (as the walk indexes it), unless that folder is watched
            // already: then the link leads back into the tree or loops.
            let watch = try inotify.addWatch(folder, mask: isLink ? Self.directoryMask : Self.directoryMask.union(.dontFollow))
            if isLink, let known = pathByWatch[watch], known != folder { return }
            touched.insert(watch)
            if let old = pathByWatch[watch], old != folder, watchByPath[old] == watch {
                watchByPath[old] = nil
            }
            pathByWatch[watch] = folder
            watchByPath[folder] = watch
            unwatchedDirectories.remove(folder)
        } catch where error.code == .watchLimit {
            watchLimitReached = true
            unwatchedDirectories.insert(folder)
        } catch {
            return  // vanished, unreadable or no longer a folder: nothing to watch
        }
        for child in subdirectories(of: folder) {
            watchTree(child, touched: &touched)
        }
    }

    private func watchTree(_ folder: RawPath) {
        var touched: Set<Int32> = []
        watchTree(folder, touched: &touched)
    }

    /// After lost events, watches the folders that appeared unseen, corrects the
    /// paths of renamed ones and drops watches on folders that left the tree.
    private func rescan() {
        var touched: Set<Int32> = []
        let present = roots.filter { !goneRoots.contains($0) }
        touched.formUnion(rootByWatch.keys)
        unwatchedDirectories = unwatchedDirectories.filter { present.contains($0) }
        for root in present {
            for folder in subdirectories(of: root) {
                watchTree(folder, touched: &touched)
            }
        }
        for (watch, path) in pathByWatch where !touched.contains(watch) {
            inotify.removeWatch(watch)
            pathByWatch[watch] = nil
            if watchByPath[path] == watch { watchByPath[path] = nil }
        }
    }

    private func forget(watch: Int32) {
        guard let path = pathByWatch.removeValue(forKey: watch) else { return }
        if watchByPath[path] == watch { watchByPath[path] = nil }
    }

    private func dropWatches(under folder: RawPath, removingFromKernel: Bool) {
        for (watch, path) in pathByWatch where path.isInside(folder) {
            if removingFromKernel { inotify.removeWatch(watch) }
            pathByWatch[watch] = nil
            if watchByPath[path] == watch { watchByPath[path] = nil }
        }
        unwatchedDirectories = unwatchedDirectories.filter { !$0.isInside(folder) }
    }

    private func renameWatches(from old: RawPath, to new: RawPath) {
        func renamed(_ path: RawPath) -> RawPath {
            RawPath(bytes: new.bytes + path.bytes.dropFirst(old.bytes.count))
        }
        for (watch, path) in pathByWatch where path.isInside(old) {
            if watchByPath[path] == watch { watchByPath[path] = nil }
            let moved = renamed(path)
            pathByWatch[watch] = moved
            watchByPath[moved] = watch
        }
        unwatchedDirectories = Set(unwatchedDirectories.map { $0.isInside(old) ? renamed($0) : $0 })
    }

    // MARK: - Reading folders

    /// The visible subfolders of `folder`, and symbolic links to folders.
    private func subdirectories(of folder: RawPath) -> [RawPath] {
        guard let stream = folder.withCString({ opendir($0) }) else { return [] }
        defer { closedir(stream) }
        var folders: [RawPath] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name.first == UInt8(ascii: ".") { continue }  // ".", "..", hidden
            let path = folder.appending(component: name)
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR):
                folders.append(path)
            case Int32(DT_LNK), Int32(DT_UNKNOWN):
                var info = stat()
                if path.withCString({ stat($0, &info) }) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                    folders.append(path)
                }
            default:
                continue
            }
        }
        // In the walk's order, so both reach a folder named by two links through the same one.
        return folders.sorted()
    }

    /// What a just-created entry is: `.written` when it is complete on creation (a
    /// symbolic link, or a second hard link to an existing file), `.appeared` for a
    /// new regular file that may still be being written, nil for anything else or an
    /// entry already gone again (its removal or rename is reported by its own event).
    private func creation(_ path: RawPath) -> FileChange? {
        var info = stat()
        guard path.withCString({ lstat($0, &info) }) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return isLinkToFolder(path) ? .directoryAppeared(path) : .written(path)
        case S_IFREG: return info.st_nlink > 1 ? .written(path) : .appeared(path)
        default: return nil
        }
    }

    private func isSymbolicLink(_ path: RawPath) -> Bool {
        var info = stat()
        return path.withCString { lstat($0, &info) } == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    private func isLinkToFolder(_ path: RawPath) -> Bool {
        var info = stat()
        return isSymbolicLink(path) && path.withCString { stat($0, &info) } == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
