import Foundation
import Glibc
import MLibTestSupport
import Testing

/// The built `mlib watch` following real folders: after every change the library
/// must hold exactly the files on disk (each with its current size and time), keep
/// ids across renames and moves, stay consistent through kill -9, and stop cleanly.
///
/// Serialized: the tests start busy processes on a small machine, and one of them
/// lowers a system-wide inotify limit for a moment.
@Suite(.serialized) struct WatchEndToEndTests {
    static let modelFolder = Fixtures.packageRoot + "/models/all-MiniLM-L6-v2"

    @Test func everydayChangesKeepTheIndexExact() throws {
        let space = try WatchWorkspace()
        defer { space.folder.remove() }
        let notes = try space.makeFolder("Notes")
        let archive = try space.makeFolder("Archive")
        let outside = try space.makeFolder("Outside")
        let roots = [notes, archive]
        let watcher = try space.startWatcher(roots)

        // A new note.
        try space.write("A tall grey wader stood near the reeds at dawn\n", to: notes + "/heron.txt")
        try space.expectIndexMatchesDisk(roots)
        #expect(try space.text(of: notes + "/heron.txt").contains("reeds at dawn"))

        // A file written in pieces is read once complete.
        let piecesPath = notes + "/pieces.txt"
        _ = FileManager.default.createFile(atPath: piecesPath, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: piecesPath))
        handle.write(Data("first piece marmalade\n".utf8))
        Thread.sleep(forTimeInterval: 0.3)
        handle.write(Data("last piece quokka\n".utf8))
        try handle.close()
        try space.expectIndexMatchesDisk(roots)
        #expect(try space.text(of: piecesPath).contains("quokka"))

        // Rename: same item, found by its new name only.
        let heronID = try #require(try space.itemID(notes + "/heron.txt"))
        try space.move(notes + "/heron.txt", notes + "/egret.txt")
        try space.expectIndexMatchesDisk(roots)
        #expect(try space.itemID(notes + "/egret.txt") == heronID)
        #expect(try space.mlib.searchPaths("egret") == [notes + "/egret.txt"])
        #expect(try space.mlib.searchPaths("heron").isEmpty)

        // Out of the watched folders and back in.
        try space.move(notes + "/egret.txt", outside + "/egret.txt")
        try space.expectIndexMatchesDisk(roots)
        try space.move(outside + "/egret.txt", archive + "/egret.txt")
        try space.expectIndexMatchesDisk(roots)
        #expect(try space.text(of: archive + "/egret.txt").contains("reeds at dawn"))

        // Delete.
        try space.remove(archive + "/egret.txt")
        try space.expectIndexMatchesDisk(roots)

        // Editor save: write a temporary file (and a swap file), rename it over the note.
        let draft = notes + "/draft.txt"
        try space.write("draft version one: pelican\n", to: draft)
        try space.expectIndexMatchesDisk(roots)
        try space.write("swap", to: notes + "/.draft.txt.swp")
        try space.write("draft version two: cormorant\n", to: draft + ".tmp")
        try space.move(draft + ".tmp", draft)
        try space.remove(notes + "/.draft.txt.swp")
        try space.expectIndexMatchesDisk(roots)
        var text = try space.text(of: draft)
        #expect(text.contains("cormorant") && !text.contains("pelican"), "\(text)")

        // Vim's save: the note goes to a backup name, a new one is written, the backup deleted.
        try space.move(draft, draft + "~")
        try space.write("draft version three: albatross\n", to: draft)
        try space.remove(draft + "~")
        try space.expectIndexMatchesDisk(roots)
        text = try space.text(of: draft)
        #expect(text.contains("albatross") && !text.contains("cormorant"), "\(text)")

        // A tree made at once, then removed at once.
        let tree = notes + "/tree"
        for a in 0..<3 {
            for b in 0..<4 {
                let folder = tree + "/a\(a)/b\(b)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for c in 0..<4 {
                    try space.write("tree note \(a) \(b) \(c) leafword\(a)x\(b)x\(c)\n", to: folder + "/c\(c).txt")
                }
            }
            try space.write("level one note \(a)\n", to: tree + "/a\(a)/top.txt")
        }
        try space.expectIndexMatchesDisk(roots)
        #expect(try space.indexedFiles().keys.filter { $0.hasPrefix(tree + "/") }.count == 51)
        try FileManager.default.removeItem(atPath: tree)
        try space.expectIndexMatchesDisk(roots)

        // A folder renamed: its items keep their ids.
        let album = notes + "/album"
        try FileManager.default.createDirectory(atPath: album + "/inner", withIntermediateDirectories: true)
        let names = ["one.txt", "two.txt", "inner/three.txt"]
        for name in names { try space.write("album note \(name) gannet\n", to: album + "/" + name) }
        try space.expectIndexMatchesDisk(roots)
        let ids = try names.map { try space.itemID(album + "/" + $0) }
        #expect(!ids.contains(nil))
        try space.move(album, notes + "/voyage")
        try space.expectIndexMatchesDisk(roots)
        #expect(try names.map { try space.itemID(notes + "/voyage/" + $0) } == ids)
        #expect(watcher.log.contains("moved \(album) -> \(notes)/voyage"), "\(watcher.log.suffix(1500))")
        #expect(try space.mlib.searchPaths("voyage gannet").count == 3)

        // A file made in a folder that was just renamed is seen under the new name.
        try space.write("late arrival\n", to: notes + "/voyage/inner/four.txt")
        try space.expectIndexMatchesDisk(roots)

        space.stop(watcher)
        #expect(watcher.log.contains("indexed text \(notes)/heron.txt"), "\(watcher.log)")
        #expect(watcher.log.contains("moved \(notes)/heron.txt -> \(notes)/egret.txt"))
        #expect(watcher.log.contains("removed \(archive)/egret.txt"))
        try space.expectConsistent()
    }

    /// Two watched folders are one library: a file or folder moved from one to the
    /// other keeps its items (and so its vectors), as within one folder.
    @Test func movesBetweenWatchedFoldersKeepTheirItems() throws {
        let space = try WatchWorkspace()
        defer { space.folder.remove() }
        let notes = try space.makeFolder("Notes")
        let archive = try space.makeFolder("Archive")
        let roots = [notes, archive]
        try space.write("an older note that takes the first id\n", to: notes + "/first.txt")
        let watcher = try space.startWatcher(roots)

        try space.write("A tall grey wader stood near the reeds at dawn\n", to: notes + "/egret.txt")
        try FileManager.default.createDirectory(atPath: notes + "/voyage/inner", withIntermediateDirectories: true)
        let names = ["one.txt", "two.txt", "inner/three.txt"]
        for name in names { try space.write("album note \(name) gannet\n", to: notes + "/voyage/" + name) }
        try space.write("the newest note, so freed ids are not handed out again\n", to: notes + "/last.txt")
        try space.expectIndexMatchesDisk(roots)
        let fileID = try #require(try space.itemID(notes + "/egret.txt"))
        let folderIDs = try names.map { try space.itemID(notes + "/voyage/" + $0) }

        try space.move(notes + "/egret.txt", archive + "/egret.txt")
        try space.expectIndexMatchesDisk(roots)
        #expect(try space.itemID(archive + "/egret.txt") == fileID)
        #expect(watcher.log.contains("moved \(notes)/egret.txt -> \(archive)/egret.txt"), "\(watcher.log.suffix(1500))")

        try space.move(notes + "/voyage", archive + "/voyage")
        try space.expectIndexMatchesDisk(roots)
        #expect(try names.map { try space.itemID(archive + "/voyage/" + $0) } == folderIDs)
        #expect(watcher.log.contains("moved \(notes)/voyage -> \(archive)/voyage"), "\(watcher.log.suffix(1500))")

        space.stop(watcher)
        try space.expectConsistent()
    }

    @Test func aBurstOfTenThousandNotes() throws {
        let space = try WatchWorkspace()
        defer { space.folder.remove() }
        let root = try space.makeFolder("Burst")
        let watcher = try space.startWatcher([root])
        let writer = try ExternalTool.run("python3", ["-c", Self.burstScript, root, "20", "5", "100"])
        #expect(writer.status == 0, "\(writer.stderrString)")
        #expect(WatchWorkspace.diskFiles(under: [root]).count == 10_000)
        try space.expectIndexMatchesDisk([root], timeout: 90)
        #expect(try space.mlib.searchPaths("burst19x4x99") == [root + "/d19/e4/n99.txt"])
        space.stop(watcher)
        try space.expectConsistent()
    }

    /// Events lost to a full inotify queue cost a rescan, never a wrong index. The
    /// queue limit is copied when the watcher's inotify instance is made, so it is
    /// lowered only while the watcher starts; the watcher is then paused while
    /// files land, so its queue overflows whatever the machine's speed.
    @Test(.enabled(if: getuid() == 0 && access(WatchEndToEndTests.queueLimitPath, W_OK) == 0, "needs root to lower the inotify queue"))
    func aLostEventQueueIsRecoveredByRescanning() throws {
        let space = try WatchWorkspace()
        defer { space.folder.remove() }
        let root = try space.makeFolder("Flood")
        try space.write("before the flood\n", to: root + "/ark.txt")

        let original = try String(contentsOfFile: Self.queueLimitPath, encoding: .utf8)
        try "64\n".write(toFile: Self.queueLimitPath, atomically: false, encoding: .utf8)
        var restored = false
        defer { if !restored { try? original.write(toFile: Self.queueLimitPath, atomically: false, encoding: .utf8) } }
        let watcher = try space.startWatcher([root])
        try original.write(toFile: Self.queueLimitPath, atomically: false, encoding: .utf8)
        restored = true
        try space.expectIndexMatchesDisk([root])

        kill(watcher.pid, SIGSTOP)
        let writer = try ExternalTool.run("python3", ["-c", Self.burstScript, root, "4", "5", "100"])
        for n in 0..<50 { try space.write("flat flood note \(n)\n", to: root + "/flat\(n).txt") }
        kill(watcher.pid, SIGCONT)
        #expect(writer.status == 0, "\(writer.stderrString)")

        try space.expectIndexMatchesDisk([root])
        #expect(watcher.waitForLog("(queue overflow); rescanning"), "\(watcher.log.suffix(2000))")
        let rescans = try Eventually.poll(timeout: 10) {
            ((try space.statusWatcher() as? [String: Any])?["rescans"] as? Int ?? 0) >= 1
        }
        #expect(rescans, "status shows the rescan")
        space.stop(watcher)
        try space.expectConsistent()
    }

    static let queueLimitPath = "/proc/sys/fs/inotify/max_queued_events"

    /// kill -9 at random moments while files keep changing: the library is never
    /// damaged, the vector store beside it never claims what SQLite does not hold,
    /// and a later run catches up exactly.
    @Test func killedWatchersLeaveAConsistentLibrary() throws {
        let space = try WatchWorkspace()
        defer { space.folder.remove() }
        let root = try space.makeFolder("Busy")
        let hasModel = FileManager.default.fileExists(atPath: Self.modelFolder + "/model.safetensors")
        var random = SeededGenerator(seed: 0x5EED_0004)

        let writerOutput = space.folder.path("writer.log")
        let writer = try ChildProcess(
            try Self.python(), ["-c", Self.churnScript, root, "4"], outputPath: writerOutput)
        #expect(Eventually.poll(timeout: 10) { WatchWorkspace.diskFiles(under: [root]).count >= 20 })

        let modelRounds: Set<Int> = hasModel ? [3, 5, 6] : []
        for round in 0..<8 {
            let embedding = modelRounds.contains(round)
            let watcher = try space.startWatcher(
                [root], options: embedding ? [] : ["--no-embed"], log: "watch-\(round).log")
            if embedding {
                // Killed while vectors are being made and written.
                let started = Eventually.poll(timeout: 60) { space.statusFile()?["phase"] as? String == "embedding" }
                #expect(started, "the watcher never embedded:\n\(watcher.log.suffix(2000))")
            }
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.8, using: &random))
            let end = watcher.stop(SIGKILL)
            #expect(end == ChildProcess.Termination(status: SIGKILL, bySignal: true), "round \(round): \(String(describing: end))")

            try space.expectConsistent()
            try space.expectVectorStoresAgree(requireCurrent: false)
            let status = try space.mlib.run(["status"])
            #expect(status.status == 0, "round \(round): \(status.stderrString)")
            if hasModel, round >= 3 {
                let search = try space.mlib.run(["search", "quiet harbour morning"])
                #expect(search.status == 0, "round \(round): \(search.stderrString)")
                try space.expectVectorStoresAgree(requireCurrent: true)
            }
            #expect(try space.statusWatcher() is NSNull, "a killed watcher is not reported as running")
        }

        #expect(writer.stop() == ChildProcess.Termination(status: SIGTERM, bySignal: true), "the writer kept writing until stopped")
        // The last run catches up with what changed while no watcher ran, and gives
        // the text its vectors when the model is there.
        let watcher = try space.startWatcher([root], options: hasModel ? [] : ["--no-embed"], log: "watch-final.log")
        try space.expectIndexMatchesDisk([root])
        if hasModel {
            var left = -1
            _ = try Eventually.poll(timeout: 90) {
                left = try space.segmentsWithoutVectors()
                return left == 0
            }
            #expect(left == 0, "passages left without vectors")
        }
        space.stop(watcher)
        try space.expectConsistent()
        #expect(WatchWorkspace.diskFiles(under: [root]).count >= 20, "the writer made files")
        let writerLog = String(decoding: FileManager.default.contents(atPath: writerOutput) ?? Data(), as: UTF8.self)
        #expect(writerLog.isEmpty, "the writer failed: \(writerLog.suffix(1000))")
    }

    @Test func oneWatcherALibraryStatusSignalsAndIgnoreRules() throws {
        let space = try WatchWorkspace()
        defer { space.folder.remove() }
        let root = try space.makeFolder("Notes")
        try space.write("*.log\n", to: root + "/.mlibignore")
        try space.write("build log: kestrel\n", to: root + "/build.log")
        try space.write("a note about kestrels\n", to: root + "/kestrel.txt")
        let noLogs: (String) -> Bool = { $0.hasSuffix(".log") }

        let watcher = try space.startWatcher([root])
        try space.expectIndexMatchesDisk([root], excluded: noLogs)

        // `mlib status` reports the running watcher.
        var reported: [String: Any]?
        let shown = try Eventually.poll(timeout: 10) {
            reported = try space.statusWatcher() as? [String: Any]
            return reported != nil
        }
        #expect(shown, "status shows no watcher")
        #expect(reported?["pid"] as? Int == Int(watcher.pid))
        #expect(reported?["roots"] as? [String] == [root])
        #expect(reported?["mode"] as? String == "inotify")
        let phases: Set<String> = ["idle", "indexing", "reconciling", "embedding", "stopping"]
        #expect(phases.contains(reported?["phase"] as? String ?? "?"), "\(String(describing: reported))")
        for key in ["queued", "settling", "indexed", "moved", "removed", "failed", "rescans"] {
            #expect(reported?[key] is Int, "status lacks \(key)")
        }

        // A second watcher of the same library refuses at once, in one line.
        let second = try WatchProcess(
            library: space.library, arguments: ["--no-embed", root], logPath: space.folder.path("second.log"))
        #expect(second.waitForExit() == .exit(6), "\(second.log)")
        let lines = second.log.split(separator: "\n")
        #expect(lines.count == 1 && second.log.contains("pid \(watcher.pid)"), "\(second.log)")

        // The first one goes on: a new .log stays out, a new note comes in.
        try space.write("another log: falcon\n", to: root + "/later.log")
        try space.write("a note about falcons\n", to: root + "/falcon.txt")
        try space.expectIndexMatchesDisk([root], excluded: noLogs)
        #expect(try space.indexedFiles().keys.allSatisfy { !$0.hasSuffix(".log") })

        // Dropping the rule brings the .log files in while watching.
        try space.write("# nothing ignored\n", to: root + "/.mlibignore")
        try space.expectIndexMatchesDisk([root])
        #expect(Set(try space.mlib.searchPaths("falcon")) == [root + "/falcon.txt", root + "/later.log"])

        // SIGINT stops it cleanly; then no watcher is reported.
        space.stop(watcher, SIGINT)
        #expect(try space.statusWatcher() is NSNull)
        #expect(!FileManager.default.fileExists(atPath: space.library + ".watch.json"))
        #expect(watcher.log.contains("stopped"))

        // A path that is not there, or not a folder, is refused with exit status 4.
        for (number, bad) in [space.folder.path("nowhere"), root + "/kestrel.txt"].enumerated() {
            let refused = try WatchProcess(
                library: space.library, arguments: ["--no-embed", bad], logPath: space.folder.path("bad-\(number).log"))
            #expect(refused.waitForExit() == .exit(4), "\(refused.log)")
            #expect(refused.log.split(separator: "\n").count == 1 && refused.log.contains(bad), "\(refused.log)")
        }
        try space.expectConsistent()
    }

    /// A parent may start the watcher with SIGTERM and SIGINT blocked (Foundation's
    /// `Process` does, from a thread that blocks them); the mask is inherited, so the
    /// watcher must unblock the signals it handles or it can never be stopped.
    @Test func stopSignalsWorkEvenWhenTheParentBlockedThem() throws {
        let space = try WatchWorkspace()
        defer { space.folder.remove() }
        let root = try space.makeFolder("Notes")
        for signal in [SIGTERM, SIGINT] {
            let watcher = try WatchProcess(
                library: space.library, arguments: ["--no-embed", root], logPath: space.folder.path("watch-\(signal).log"),
                blocked: [SIGTERM, SIGINT])
            #expect(watcher.waitUntilWatching(), "\(watcher.log)")
            let end = watcher.stop(signal, timeout: 10)
            #expect(end == .success, "signal \(signal): \(end.map(\.description) ?? "still running after 10 s")")
        }
    }

    @Test func pollingFollowsChangesWithoutInotify() throws {
        let space = try WatchWorkspace()
        defer { space.folder.remove() }
        let root = try space.makeFolder("Share")
        try space.write("already here: osprey\n", to: root + "/osprey.txt")
        let watcher = try space.startWatcher([root], options: ["--no-embed", "--poll", "1"])
        try space.expectIndexMatchesDisk([root])

        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        try space.write("new on the share: puffin\n", to: root + "/sub/puffin.txt")
        try space.expectIndexMatchesDisk([root])

        try space.write("new on the share: puffin, then a skua\n", to: root + "/sub/puffin.txt")
        try space.expectIndexMatchesDisk([root])
        #expect(try space.text(of: root + "/sub/puffin.txt").contains("skua"))

        try space.remove(root + "/osprey.txt")
        try space.expectIndexMatchesDisk([root])

        let status = try space.statusWatcher() as? [String: Any]
        #expect(status?["mode"] as? String == "poll", "\(String(describing: status))")
        space.stop(watcher)
        try space.expectConsistent()
    }

    /// Whether this machine lets us make a user namespace, where the inotify watch
    /// limit can be lowered for our processes alone (`/proc/sys/user/max_inotify_watches`).
    static let canLimitWatches: Bool =
        (try? ExternalTool.run("unshare", ["--user", "--map-root-user", "sh", "-c", "echo 5 > /proc/sys/user/max_inotify_watches"]))?
        .status == 0

    @Test(.enabled(if: canLimitWatches)) func pastTheWatchLimitTheRestIsPolledAndTheLogSaysHowToRaiseIt() throws {
        let space = try WatchWorkspace()
        defer { space.folder.remove() }
        let root = try space.makeFolder("Media")
        for index in 0..<10 {
            try space.write("stored \(index) heron\n", to: try space.makeFolder("Media/d\(index)/e") + "/n.txt")
        }
        // Six watches for 21 folders: the rest must be polled.
        let unshare = try ExternalTool.run("sh", ["-c", "command -v unshare"]).stdoutString.trimmingCharacters(in: .whitespacesAndNewlines)
        let launcher = [
            unshare, "--user", "--map-root-user", "/bin/sh", "-c", "echo 6 > /proc/sys/user/max_inotify_watches && exec \"$0\" \"$@\"",
        ]
        let watcher = try WatchProcess(
            library: space.library, arguments: ["--no-embed", "--fallback-poll", "1", root], logPath: space.folder.path("watch.log"),
            launcher: launcher)
        #expect(watcher.waitUntilWatching(), "watcher did not start:\n\(watcher.log)")
        try space.expectIndexMatchesDisk([root])
        #expect(watcher.log.components(separatedBy: "watch limit ran out").count == 2, "said once:\n\(watcher.log)")
        #expect(watcher.log.contains("sudo sysctl fs.inotify.max_user_watches="))

        try space.write("arrived later: egret\n", to: root + "/d9/e/late.txt")
        try space.write("stored 8 heron, then a bittern\n", to: root + "/d8/e/n.txt")
        try space.remove(root + "/d7/e/n.txt")
        try FileManager.default.createDirectory(atPath: root + "/d9/e/new", withIntermediateDirectories: true)
        try space.write("deeper still: crane\n", to: root + "/d9/e/new/crane.txt")
        try space.expectIndexMatchesDisk([root])

        let status = try space.statusWatcher() as? [String: Any]
        #expect(status?["watch_limit_reached"] as? Bool == true, "\(String(describing: status))")
        let polled = status?["polled_folders"] as? Int ?? 0
        #expect(polled > 0)

        // Deleting watched folders frees watches; the watcher takes them up again.
        try FileManager.default.removeItem(atPath: root + "/d0")
        try FileManager.default.removeItem(atPath: root + "/d1")
        let fewerPolled = Eventually.poll(timeout: 30) {
            let now = (try? space.statusWatcher() as? [String: Any])?["polled_folders"] as? Int
            return now.map { $0 < polled } ?? false
        }
        #expect(fewerPolled, "no freed watch was taken up again:\n\(watcher.log)")
        try space.expectIndexMatchesDisk([root])
        space.stop(watcher)
        try space.expectConsistent()
    }

    /// Whether this process may mount a tmpfs (root on a machine that allows it).
    static let canMount: Bool = {
        guard getuid() == 0, let folder = try? TemporaryDirectory(prefix: "mlib-mount") else { return false }
        defer { folder.remove() }
        guard (try? ExternalTool.run("mount", ["-t", "tmpfs", "none", folder.path]))?.status == 0 else { return false }
        _ = try? ExternalTool.run("umount", [folder.path])
        return true
    }()

    @Test(.enabled(if: canMount)) func anUnmountedDiskKeepsItsItemsUntilItIsBack() throws {
        let space = try WatchWorkspace()
        defer { space.folder.remove() }
        let root = try space.makeFolder("Media")
        let disk = try space.makeFolder("Media/disk")
        #expect(try ExternalTool.run("mount", ["-t", "tmpfs", "none", disk]).status == 0)
        defer { _ = try? ExternalTool.run("umount", [disk]) }
        for name in ["a", "b", "c"] {
            try space.write("on the external disk: \(name)\n", to: disk + "/\(name).txt")
        }
        try space.write("on the local disk\n", to: root + "/local.txt")
        let watcher = try space.startWatcher([root], options: ["--no-embed", "--fallback-poll", "1"])
        try space.expectIndexMatchesDisk([root])

        #expect(try ExternalTool.run("umount", [disk]).status == 0)
        #expect(watcher.waitForLog("was unmounted"), "\(watcher.log)")
        // A rescan of the whole tree meanwhile (new ignore rules) finds the mount point
        // empty, and must still keep the disk's items.
        try space.write("*.log\n", to: root + "/.mlibignore")
        #expect(watcher.waitForLog("scanned \(root)"), "\(watcher.log)")
        try space.write("written while the disk is away\n", to: root + "/later.txt")
        let kept = Eventually.poll(timeout: 30) {
            let paths = Set(((try? space.indexedFiles()) ?? [:]).keys)
            return paths.contains(root + "/later.txt")
        }
        #expect(kept)
        #expect(Set(try space.indexedFiles().keys).isSuperset(of: ["a", "b", "c"].map { disk + "/\($0).txt" }),
            "the unplugged disk's items stay")

        // Mounted again (a fresh tmpfs: one file), it is rescanned: the index follows.
        #expect(try ExternalTool.run("mount", ["-t", "tmpfs", "none", disk]).status == 0)
        try space.write("back again\n", to: disk + "/d.txt")
        #expect(watcher.waitForLog("mounted again"), "\(watcher.log)")
        try space.expectIndexMatchesDisk([root])
        space.stop(watcher)
        try space.expectConsistent()
    }

    // MARK: - Writers

    /// The absolute path of python3, for `ChildProcess`.
    static func python() throws -> String {
        let found = try ExternalTool.run("python3", ["-c", "import sys; print(sys.executable)"])
        return found.stdoutString.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes FOLDERS × SUBFOLDERS × NOTES small notes under ROOT as fast as it can.
    static let burstScript = """
        import os, sys
        root, folders, subfolders, notes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
        for d in range(folders):
            for e in range(subfolders):
                folder = f"{root}/d{d}/e{e}"
                os.makedirs(folder, exist_ok=True)
                for n in range(notes):
                    with open(f"{folder}/n{n}.txt", "w") as f:
                        f.write(f"burst note {d} {e} {n} burst{d}x{e}x{n}\\n")
        """

    /// Creates, appends to, renames, moves, deletes and editor-saves notes and
    /// folders under ROOT until killed, in an order fixed by SEED.
    static let churnScript = """
        import os, random, shutil, sys, time
        root, seed = sys.argv[1], int(sys.argv[2])
        rng = random.Random(seed)
        words = "amber basil cedar delta ember fjord glacier harbor indigo juniper kelp lagoon".split()
        folders = [root, root + "/sub", root + "/sub/deep"]
        for folder in folders:
            os.makedirs(folder, exist_ok=True)
        count = 0
        def text():
            return " ".join(rng.choice(words) for _ in range(rng.randint(3, 30))) + "\\n"
        def files():
            found = []
            for folder, _, names in os.walk(root):
                found += [os.path.join(folder, name) for name in names]
            return sorted(found)
        def fresh(folder):
            global count
            count += 1
            return f"{folder}/n{count}.txt"
        while True:
            existing = files()
            op = rng.random()
            try:
                if len(existing) < 20 or (op < 0.3 and len(existing) < 80):
                    with open(fresh(rng.choice(folders)), "w") as f:
                        f.write(text())
                elif op < 0.45:
                    with open(rng.choice(existing), "a") as f:
                        f.write(text())
                elif op < 0.6:
                    os.rename(rng.choice(existing), fresh(rng.choice(folders)))
                elif op < 0.75:
                    os.remove(rng.choice(existing))
                elif op < 0.85:
                    target = rng.choice(existing)
                    with open(target + ".tmp", "w") as f:
                        f.write(text())
                    os.rename(target + ".tmp", target)
                elif op < 0.92:
                    box = f"{root}/box{rng.randint(0, 3)}"
                    os.makedirs(box, exist_ok=True)
                    for _ in range(5):
                        with open(fresh(box), "w") as f:
                            f.write(text())
                elif op < 0.97:
                    box = f"{root}/box{rng.randint(0, 3)}"
                    other = f"{root}/sub/box{rng.randint(4, 7)}"
                    if os.path.isdir(box) and not os.path.exists(other):
                        os.rename(box, other)
                    elif os.path.isdir(other) and not os.path.exists(box):
                        os.rename(other, box)
                else:
                    shutil.rmtree(f"{root}/box{rng.randint(0, 3)}", ignore_errors=True)
            except OSError:
                pass
            time.sleep(rng.random() * 0.004)
        """
}
