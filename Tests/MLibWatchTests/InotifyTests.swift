import MLibCore
import MLibTestSupport
import Testing

@testable import MLibWatch

#if canImport(Glibc)
import Glibc
#endif

@Suite struct InotifyTests {
    @Test func eventsAreDecodedWithRawNamesAndPaddingTrimmed() {
        var bytes: [UInt8] = []
        func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        append(7); append(InotifyMask.movedFrom.rawValue); append(42); append(8)
        bytes += [0x61, 0xFF, 0x62, 0, 0, 0, 0, 0]
        append(UInt32(bitPattern: -1)); append(InotifyMask.queueOverflow.rawValue); append(0); append(0)
        let events = bytes.withUnsafeBytes { Inotify.decode($0) }
        #expect(events == [
            InotifyEvent(watch: 7, mask: .movedFrom, cookie: 42, name: [0x61, 0xFF, 0x62]),
            InotifyEvent(watch: -1, mask: .queueOverflow, cookie: 0, name: []),
        ])
    }

    @Test func aWatchedFolderReportsCloseWriteByName() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let inotify = try Inotify()
        let watch = try inotify.addWatch(RawPath(folder.path), mask: [.closeWrite])
        let fd = open(folder.path("a.txt"), O_CREAT | O_WRONLY, 0o644)
        close(fd)
        var events: [InotifyEvent] = []
        let deadline = ContinuousClock.now + .seconds(5)
        while events.isEmpty, ContinuousClock.now < deadline {
            events += try inotify.read(timeout: .milliseconds(100))
        }
        #expect(events == [InotifyEvent(watch: watch, mask: .closeWrite, cookie: 0, name: Array("a.txt".utf8))])
        inotify.removeWatch(watch)
        inotify.removeWatch(watch)  // already gone: ignored
    }

    @Test func addingAWatchFailsWithACodeCallersCanActOn() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let inotify = try Inotify()
        #expect {
            _ = try inotify.addWatch(RawPath(folder.path("missing")), mask: [.create])
        } throws: { error in
            (error as? WatchError)?.code == .vanished
                && (error as? WatchError)?.description.hasPrefix(folder.path("missing")) == true
        }
    }

    @Test func theWatchLimitErrorSaysHowToRaiseIt() {
        let error = WatchError(errno: ENOSPC, call: "inotify_add_watch", path: RawPath("/media/a"))
        #expect(error.code == .watchLimit)
        #expect(error.description.contains("sudo sysctl fs.inotify.max_user_watches=524288"))
        #expect(!error.description.contains("\n"))
        #expect(WatchError(errno: EACCES, call: "inotify_add_watch", path: nil).code == .permission)
    }
}
