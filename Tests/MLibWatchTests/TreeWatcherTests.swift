import Foundation
import MLibCore
import MLibTestSupport
import MLibWatch
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Real inotify on temporary folders. Serialized because the overflow test lowers a
/// system-wide limit for a moment, and each test waits on its own events.
@Suite(.serialized) struct TreeWatcherTests {
    /// A temporary tree, a watcher on it, and file operations by raw path.
    final class Scene {
        let folder: TemporaryDirectory
        let root: RawPath
        let watcher: TreeWatcher
        private(set) var changes: [FileChange] = []

        init(subfolders: [String] = []) throws {
            folder = try TemporaryDirectory(prefix: "mlib-watch")
            root = RawPath(folder.path)
            for name in subfolders {
                try FileManager.default.createDirectory(atPath: folder.path(name), withIntermediateDirectories: true)
            }
            watcher = try TreeWatcher(root: root)
        }

        deinit { folder.remove() }

        func path(_ name: String) -> RawPath { root.appending(component: name) }

        /// Reads changes until `done` holds for everything seen so far, or 5 s pass.
        @discardableResult
        func wait(until done: ([FileChange]) -> Bool) -> [FileChange] {
            let deadline = ContinuousClock.now + .seconds(5)
            while !done(changes), ContinuousClock.now < deadline {
                changes += watcher.next(timeout: .milliseconds(100))
            }
            return changes
        }

        @discardableResult
        func wait(for expected: FileChange) -> [FileChange] {
            wait { $0.contains(expected) }
        }

        /// Forgets what was seen so far.
        func reset() { changes = [] }
    }

    /// Changes from a watcher made outside a `Scene` (several roots, links).
    final class Recording {
        let watcher: TreeWatcher
        private(set) var changes: [FileChange] = []

        init(_ watcher: TreeWatcher) { self.watcher = watcher }

        /// Reads changes until `expected` is among them, or 5 s pass.
        func wait(for expected: FileChange) {
            let deadline = ContinuousClock.now + .seconds(5)
            while !changes.contains(expected), ContinuousClock.now < deadline {
                changes += watcher.next(timeout: .milliseconds(100))
            }
        }
    }

    static func write(_ path: RawPath, _ text: String = "hello") {
        let fd = path.withCString { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        precondition(fd >= 0, "cannot create \(path)")
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    static func move(_ from: RawPath, _ to: RawPath) {
        let result = from.withCString { old in to.withCString { rename(old, $0) } }
        precondition(result == 0, "cannot rename \(from) to \(to)")
    }

    static func makeFolder(_ path: RawPath) {
        precondition(path.withCString { mkdir($0, 0o755) } == 0, "cannot create folder \(path)")
    }

    @Test func aWrittenFileIsReportedOnceClosed() throws {
        let scene = try Scene()
        let note = scene.path("note.md")
        Self.write(note)
        let changes = scene.wait(for: .written(note))
        #expect(changes.contains(.written(note)))
        #expect(!changes.contains(.removed(note)))
    }

    @Test func aFileOrFolderMovedBetweenTwoRootsIsAMoveAndAGoneRootCanBeWatchedAgain() throws {
        let folder = try TemporaryDirectory(prefix: "mlib-watch")
        defer { folder.remove() }
        let notes = RawPath(folder.path("Notes"))
        let archive = RawPath(folder.path("Archive"))
        Self.makeFolder(notes)
        Self.makeFolder(archive)
        Self.makeFolder(notes.appending(component: Array("trip".utf8)))
        Self.write(notes.appending(component: Array("n.txt".utf8)))
        let watcher = try TreeWatcher(roots: [notes, archive])
        #expect(watcher.watchedDirectoryCount == 3)
        let recording = Recording(watcher)

        let file = (notes.appending(component: Array("n.txt".utf8)), archive.appending(component: Array("n.txt".utf8)))
        Self.move(file.0, file.1)
        recording.wait(for: .moved(from: file.0, to: file.1))
        let trip = (notes.appending(component: Array("trip".utf8)), archive.appending(component: Array("trip".utf8)))
        Self.move(trip.0, trip.1)
        recording.wait(for: .moved(from: trip.0, to: trip.1))
        #expect(recording.changes == [.moved(from: file.0, to: file.1), .moved(from: trip.0, to: trip.1)])

        // The moved folder is watched at its new place, in the other root.
        let inside = trip.1.appending(component: Array("day1.txt".utf8))
        Self.write(inside)
        recording.wait(for: .written(inside))
        #expect(recording.changes.contains(.written(inside)))

        // One root goes away and comes back; the other is watched all along.
        let parked = RawPath(folder.path("parked"))
        Self.move(notes, parked)
        recording.wait(for: .rootGone(notes))
        #expect(watcher.goneRoots == [notes])
        Self.move(parked, notes)
        try watcher.rewatch(notes)
        #expect(watcher.goneRoots.isEmpty)
        let back = notes.appending(component: Array("back.txt".utf8))
        Self.write(back)
        recording.wait(for: .written(back))
        #expect(recording.changes.contains(.written(back)))
    }

    @Test func foldersBehindSymbolicLinksAreWatchedUnderTheLinkPathAndLoopsEnd() throws {
        let outside = try TemporaryDirectory(prefix: "mlib-outside")
        defer { outside.remove() }
        let external = RawPath(outside.path("external"))
        let later = RawPath(outside.path("later"))
        Self.makeFolder(external)
        Self.makeFolder(later)
        let folder = try TemporaryDirectory(prefix: "mlib-watch")
        defer { folder.remove() }
        let root = RawPath(folder.path("Media"))
        Self.makeFolder(root)
        let link = root.appending(component: Array("drive".utf8))
        let loop = root.appending(component: Array("loop".utf8))
        let inner = root.appending(component: Array("zoo".utf8))
        let shortcut = root.appending(component: Array("animals".utf8))
        Self.makeFolder(inner)
        #expect(symlink(external.string, link.string) == 0)
        #expect(symlink(root.string, loop.string) == 0)
        #expect(symlink(inner.string, shortcut.string) == 0)
        let watcher = try TreeWatcher(root: root)
        #expect(watcher.watchedDirectoryCount == 3, "the root, zoo and the linked folder; the loop and shortcut add nothing")
        let recording = Recording(watcher)

        let otter = inner.appending(component: Array("otter.txt".utf8))
        Self.write(otter)
        recording.wait(for: .written(otter))
        Self.write(external.appending(component: Array("clip.txt".utf8)))
        recording.wait(for: .written(link.appending(component: Array("clip.txt".utf8))))
        #expect(recording.changes == [.written(otter), .written(link.appending(component: Array("clip.txt".utf8)))])

        let second = root.appending(component: Array("second".utf8))
        #expect(symlink(later.string, second.string) == 0)
        recording.wait(for: .directoryAppeared(second))
        Self.write(later.appending(component: Array("new.txt".utf8)))
        recording.wait(for: .written(second.appending(component: Array("new.txt".utf8))))
        #expect(recording.changes.contains(.written(second.appending(component: Array("new.txt".utf8)))))

        #expect(unlink(second.string) == 0)
        recording.wait(for: .directoryRemoved(second))
        #expect(recording.changes.contains(.directoryRemoved(second)))
        #expect(watcher.watchedDirectoryCount == 3)
    }

    @Test func aRenameWithinAFolderIsAMove() throws {
        let scene = try Scene()
        let old = scene.path("a.md")
        let new = scene.path("b.md")
        Self.write(old)
        scene.wait(for: .written(old))
        scene.reset()
        Self.move(old, new)
        let changes = scene.wait(for: .moved(from: old, to: new))
        #expect(changes == [.moved(from: old, to: new)])
    }

    @Test func aMoveBetweenSubfoldersIsAMove() throws {
        let scene = try Scene(subfolders: ["x", "y"])
        let old = scene.path("x/clip.mp4")
        let new = scene.path("y/clip.mp4")
        Self.write(old)
        scene.wait(for: .written(old))
        scene.reset()
        Self.move(old, new)
        #expect(scene.wait(for: .moved(from: old, to: new)) == [.moved(from: old, to: new)])
    }

    @Test func movingOutOfTheTreeIsARemovalAndMovingInIsAWrite() throws {
        let scene = try Scene()
        let outside = try TemporaryDirectory(prefix: "mlib-outside")
        defer { outside.remove() }
        let inside = scene.path("photo.jpg")
        let away = RawPath(outside.path("photo.jpg"))
        Self.write(inside)
        scene.wait(for: .written(inside))
        scene.reset()

        Self.move(inside, away)
        #expect(scene.wait(for: .removed(inside)) == [.removed(inside)])
        scene.reset()

        let arriving = RawPath(outside.path("new.jpg"))
        Self.write(arriving)
        Self.move(arriving, scene.path("new.jpg"))
        #expect(scene.wait(for: .written(scene.path("new.jpg"))) == [.written(scene.path("new.jpg"))])
    }

    @Test func aDeletedFileIsRemoved() throws {
        let scene = try Scene()
        let note = scene.path("gone.md")
        Self.write(note)
        scene.wait(for: .written(note))
        scene.reset()
        _ = note.withCString { unlink($0) }
        let changes = scene.wait(for: .removed(note))
        #expect(changes.last == .removed(note))
    }

    @Test func anEditorsSaveByRenameIsAMoveOntoTheOldName() throws {
        let scene = try Scene()
        let note = scene.path("a.md")
        let temporary = scene.path("a.tmp")
        Self.write(note, "first")
        scene.wait(for: .written(note))
        scene.reset()
        Self.write(temporary, "second")
        Self.move(temporary, note)
        let changes = scene.wait(for: .moved(from: temporary, to: note))
        #expect(changes.contains(.moved(from: temporary, to: note)))
        #expect(!changes.contains(.removed(note)))
    }

    @Test func hiddenNamesAreInvisibleSoASaveFromADotfileIsAWrite() throws {
        let scene = try Scene()
        let hidden = scene.path(".a.md.swp")
        let note = scene.path("a.md")
        Self.write(hidden)
        Self.move(hidden, note)
        let changes = scene.wait(for: .written(note))
        #expect(changes == [.written(note)])
    }

    @Test func aNewFolderIsReportedAndWatched() throws {
        let scene = try Scene()
        let album = scene.path("album")
        Self.makeFolder(album)
        Self.makeFolder(album.appending(component: "day1"))
        for index in 0..<20 { Self.write(album.appending(component: "day1").appending(component: "p\(index).jpg")) }
        #expect(scene.wait(for: .directoryAppeared(album)).contains(.directoryAppeared(album)))

        // Files that landed before the watch are the caller's rescan; later ones are events.
        let late = album.appending(component: "day1").appending(component: "late.jpg")
        Self.write(late)
        #expect(scene.wait(for: .written(late)).contains(.written(late)))
        #expect(scene.watcher.watchedDirectoryCount == 3)
    }

    @Test func removingAFolderTreeReportsItAndDropsItsWatches() throws {
        let scene = try Scene(subfolders: ["trip/day1", "trip/day2"])
        for name in ["trip/a.jpg", "trip/day1/b.jpg", "trip/day2/c.jpg"] {
            Self.write(scene.path(name))
        }
        scene.wait { $0.contains(.written(scene.path("trip/day2/c.jpg"))) }
        scene.reset()
        try FileManager.default.removeItem(atPath: scene.folder.path("trip"))
        let trip = scene.path("trip")
        scene.wait { $0.contains(.directoryRemoved(trip)) && scene.watcher.watchedDirectoryCount == 1 }
        #expect(scene.changes.contains(.directoryRemoved(trip)))
        #expect(scene.changes.allSatisfy { change in
            switch change {
            case .removed(let path), .directoryRemoved(let path): path.isInside(trip)
            default: false
            }
        })
        #expect(scene.watcher.watchedDirectoryCount == 1)
    }

    @Test func aRenamedFolderReportsLaterWritesUnderItsNewName() throws {
        let scene = try Scene(subfolders: ["old/inner"])
        let old = scene.path("old")
        let new = scene.path("new")
        Self.move(old, new)
        #expect(scene.wait(for: .moved(from: old, to: new)) == [.moved(from: old, to: new)])
        scene.reset()

        let top = new.appending(component: "top.md")
        let deep = new.appending(component: "inner").appending(component: "deep.md")
        Self.write(top)
        Self.write(deep)
        let changes = scene.wait { $0.contains(.written(top)) && $0.contains(.written(deep)) }
        #expect(Set(changes) == [.written(top), .written(deep)])
    }

    @Test func aFolderMovedOutIsRemovedAndNoLongerWatched() throws {
        let scene = try Scene(subfolders: ["leaving/sub"])
        let outside = try TemporaryDirectory(prefix: "mlib-outside")
        defer { outside.remove() }
        let leaving = scene.path("leaving")
        let away = RawPath(outside.path("leaving"))
        Self.move(leaving, away)
        #expect(scene.wait(for: .directoryRemoved(leaving)) == [.directoryRemoved(leaving)])
        #expect(scene.watcher.watchedDirectoryCount == 1)

        // A write in the moved-out folder must not come back as a change in the tree;
        // the marker, written after it, proves its event would have arrived by then.
        scene.reset()
        Self.write(away.appending(component: "sub").appending(component: "elsewhere.md"))
        let marker = scene.path("marker.md")
        Self.write(marker)
        #expect(scene.wait(for: .written(marker)) == [.written(marker)])
    }

    @Test func aNonUTF8NameRoundTripsAsBytes() throws {
        let scene = try Scene()
        let name: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0xFF, 0x0A, 0x2E, 0x6D, 0x64]  // "caf\xE9\xFF\n.md"
        let path = scene.root.appending(component: name)
        Self.write(path)
        let reported = scene.wait { !$0.isEmpty }.compactMap { change -> RawPath? in
            if case .written(let path) = change { return path }
            return nil
        }
        #expect(reported == [path])
        #expect(reported.first?.lastComponent == name)
        #expect(reported.first.map { reportedPath in reportedPath.withCString { access($0, F_OK) } == 0 } == true)
    }

    @Test func symbolicAndHardLinksAreWrittenOnCreation() throws {
        let scene = try Scene()
        let original = scene.path("original.jpg")
        Self.write(original)
        scene.wait(for: .written(original))
        scene.reset()
        let symbolic = scene.path("symbolic.jpg")
        let hard = scene.path("hard.jpg")
        _ = original.withCString { target in symbolic.withCString { symlink(target, $0) } }
        _ = original.withCString { target in hard.withCString { link(target, $0) } }
        let changes = scene.wait { $0.contains(.written(symbolic)) && $0.contains(.written(hard)) }
        #expect(changes.contains(.written(symbolic)))
        #expect(changes.contains(.written(hard)))
    }

    @Test func deletingTheRootEndsTheWatch() throws {
        let scene = try Scene(subfolders: ["sub"])
        try FileManager.default.removeItem(atPath: scene.folder.path)
        #expect(scene.wait(for: .rootGone(scene.root)).contains(.rootGone(scene.root)))
        #expect(scene.watcher.watchedDirectoryCount == 0)
    }

    @Test func aMissingRootThrowsVanished() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        #expect {
            try TreeWatcher(root: RawPath(folder.path("missing")))
        } throws: { error in
            (error as? WatchError)?.code == .vanished
        }
    }

    @Test func changesToARuleFileAreReportedForItsFolderAndOtherHiddenNamesStayInvisible() throws {
        let scene = try Scene(subfolders: ["sub"])
        let sub = scene.path("sub")
        let rules = sub.appending(component: ".mlibignore")
        Self.write(rules, "*.log\n")
        Self.write(sub.appending(component: ".other"))
        let marker = scene.path("marker.md")
        Self.write(marker)
        #expect(scene.wait(for: .written(marker)) == [.rulesChanged(sub), .written(marker)])
        scene.reset()

        // Renamed away to a visible name, and back from one.
        let visible = sub.appending(component: "rules.txt")
        Self.move(rules, visible)
        #expect(scene.wait { $0.contains(.written(visible)) } == [.rulesChanged(sub), .written(visible)])
        scene.reset()
        Self.move(visible, rules)
        #expect(scene.wait { $0.contains(.rulesChanged(sub)) } == [.removed(visible), .rulesChanged(sub)])
        scene.reset()

        // Renamed to another hidden name, which counts as deleted.
        Self.move(rules, sub.appending(component: ".mlibignore.old"))
        #expect(scene.wait(for: .rulesChanged(sub)) == [.rulesChanged(sub)])
        scene.reset()

        let top = scene.root.appending(component: ".mlibignore")
        Self.write(top)
        #expect(scene.wait(for: .rulesChanged(scene.root)) == [.rulesChanged(scene.root)])
        scene.reset()
        _ = top.withCString { unlink($0) }
        #expect(scene.wait(for: .rulesChanged(scene.root)) == [.rulesChanged(scene.root)])
    }

    @Test func aRuleFileMovedInFromOutsideIsAChange() throws {
        let scene = try Scene()
        let outside = try TemporaryDirectory(prefix: "mlib-outside")
        defer { outside.remove() }
        let arriving = RawPath(outside.path(".mlibignore"))
        Self.write(arriving, "*.tmp\n")
        Self.move(arriving, scene.path(".mlibignore"))
        #expect(scene.wait(for: .rulesChanged(scene.root)) == [.rulesChanged(scene.root)])
        scene.reset()
        Self.move(scene.path(".mlibignore"), arriving)
        #expect(scene.wait(for: .rulesChanged(scene.root)) == [.rulesChanged(scene.root)])
    }

    @Test func aFileStillOpenForWritingHasAppearedAndIsWrittenWhenClosed() throws {
        let scene = try Scene()
        let clip = scene.path("clip.mp4")
        let fd = clip.withCString { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        try #require(fd >= 0)
        _ = Array("partial".utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        // The marker's events queue after the clip's creation, so once the marker is
        // seen every event about the clip so far has been read.
        let marker = scene.path("marker.md")
        Self.write(marker)
        #expect(scene.wait(for: .written(marker)) == [.appeared(clip), .written(marker)])
        scene.reset()

        _ = Array(" and the rest".utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        #expect(scene.wait(for: .written(clip)) == [.written(clip)])
    }

    @Test func changesInAFolderThatLeftTheTreeAreDropped() throws {
        let scene = try Scene(subfolders: ["leaving"])
        let outside = try TemporaryDirectory(prefix: "mlib-outside")
        defer { outside.remove() }
        let leaving = scene.path("leaving")
        let away = RawPath(outside.path("leaving"))
        Self.move(leaving, away)
        // All read in one batch with the move: the moved folder's watch still names
        // its old path, where a new folder now holds a file of the same name.
        let fd = away.appending(component: "new.mp4").withCString { open($0, O_CREAT | O_WRONLY, 0o644) }
        try #require(fd >= 0)
        defer { close(fd) }
        Self.write(away.appending(component: ".mlibignore"))
        Self.makeFolder(leaving)
        Self.write(leaving.appending(component: "new.mp4"))
        let marker = scene.path("marker.md")
        Self.write(marker)
        let changes = scene.wait(for: .written(marker))
        #expect(changes == [.directoryRemoved(leaving), .directoryAppeared(leaving), .written(marker)])
    }

    @Test func watchersCanBePolledTogetherThroughTheirDescriptors() throws {
        let quiet = try Scene()
        let busy = try Scene()
        let note = busy.path("note.md")
        Self.write(note)
        var descriptors = [
            pollfd(fd: quiet.watcher.fileDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: busy.watcher.fileDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        #expect(poll(&descriptors, 2, 5000) == 1)
        #expect(descriptors[0].revents == 0)
        #expect(descriptors[1].revents & Int16(POLLIN) != 0)
        #expect(busy.watcher.next(timeout: .zero) == [.written(note)])
        #expect(quiet.watcher.next(timeout: .zero).isEmpty)
        #expect(busy.watcher.next(timeout: .zero).isEmpty)
    }

    /// Lowers `fs.inotify.max_queued_events` only while the watcher's inotify
    /// instance is created (the kernel copies the limit then), so the rest of the
    /// system never runs with the low value. Needs root to write the sysctl.
    @Test(.enabled(if: getuid() == 0, "needs root to lower /proc/sys/fs/inotify/max_queued_events"))
    func aFullQueueIsReportedAsOverflow() throws {
        let limitFile = "/proc/sys/fs/inotify/max_queued_events"
        let saved = try String(contentsOfFile: limitFile, encoding: .utf8)
        let scene: Scene
        do {
            defer { try? saved.write(toFile: limitFile, atomically: false, encoding: .utf8) }
            try "16\n".write(toFile: limitFile, atomically: false, encoding: .utf8)
            scene = try Scene(subfolders: ["leaving", "old"])
        }
        #expect(try String(contentsOfFile: limitFile, encoding: .utf8) == saved)
        let outside = try TemporaryDirectory(prefix: "mlib-outside")
        defer { outside.remove() }

        for index in 0..<200 { Self.write(scene.path("burst-\(index).md")) }
        // Lost in the overflow: the watcher must find out by itself when it rescans.
        Self.move(scene.path("leaving"), RawPath(outside.path("leaving")))
        Self.move(scene.path("old"), scene.path("new"))
        #expect(scene.wait(for: .overflow).contains(.overflow))

        scene.reset()
        Self.write(RawPath(outside.path("leaving/elsewhere.md")))
        let renamed = scene.path("new/inside.md")
        Self.write(renamed)
        let marker = scene.path("marker.md")
        Self.write(marker)
        let changes = scene.wait(for: .written(marker))
        #expect(changes == [.written(renamed), .written(marker)])
        #expect(scene.watcher.watchedDirectoryCount == 2)
    }
}
