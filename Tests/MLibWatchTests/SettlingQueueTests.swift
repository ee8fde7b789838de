import MLibCore
import MLibWatch
import Testing

/// A clock reading the test sets by hand, so no test sleeps or depends on timing.
private struct ManualInstant: InstantProtocol {
    var offset: Duration

    static func seconds(_ value: Double) -> ManualInstant {
        ManualInstant(offset: .milliseconds(Int64((value * 1000).rounded())))
    }

    func advanced(by duration: Duration) -> ManualInstant { ManualInstant(offset: offset + duration) }
    func duration(to other: ManualInstant) -> Duration { other.offset - offset }
    static func < (lhs: ManualInstant, rhs: ManualInstant) -> Bool { lhs.offset < rhs.offset }
}

private func at(_ seconds: Double) -> ManualInstant { .seconds(seconds) }

@Suite struct SettlingQueueTests {
    let a = RawPath("/media/a.jpg")
    let b = RawPath("/media/b.jpg")
    let c = RawPath("/media/c.jpg")

    /// A probe for tests where no file is polled; polling one would be a bug.
    func noPolls(_ path: RawPath) -> Int64? {
        Issue.record("unexpected size poll of \(path)")
        return nil
    }

    @Test func aClosedFileIsReadyAfterTheQuietPeriodWhichRestartsOnEachWrite() {
        var queue = SettlingQueue<ManualInstant>()
        queue.noteWritten(a, size: 10, at: at(0))
        #expect(queue.nextDeadline() == at(0.3))
        queue.noteWritten(a, size: 20, at: at(0.2))
        #expect(queue.nextDeadline() == at(0.5))
        #expect(queue.due(at: at(0.3), sizeOf: noPolls).isEmpty)
        #expect(queue.due(at: at(0.49), sizeOf: noPolls).isEmpty)
        #expect(queue.due(at: at(0.5), sizeOf: noPolls) == [a])
        #expect(queue.isEmpty)
        #expect(queue.nextDeadline() == nil)
        #expect(queue.due(at: at(5), sizeOf: noPolls).isEmpty)
    }

    @Test func aGrowingDownloadIsReadyOnlyOnceItsSizeHoldsOverTwoPolls() {
        var queue = SettlingQueue<ManualInstant>()
        var sizeOnDisk: Int64 = 100
        var polls: [ManualInstant] = []
        var now = at(0)
        func probe(_ path: RawPath) -> Int64? {
            polls.append(now)
            return sizeOnDisk
        }
        queue.noteModified(a, size: 100, at: at(0))
        sizeOnDisk = 200
        queue.noteModified(a, size: 200, at: at(0.5))
        #expect(queue.nextDeadline() == at(1.5))
        now = at(1.0)
        #expect(queue.due(at: now, sizeOf: probe).isEmpty)
        #expect(polls.isEmpty)

        // Still growing without events (a network copy): the poll sees it.
        sizeOnDisk = 300
        now = at(1.5)
        #expect(queue.due(at: now, sizeOf: probe).isEmpty)
        #expect(queue.nextDeadline() == at(2.5))
        now = at(2.5)
        #expect(queue.due(at: now, sizeOf: probe).isEmpty)  // first stable poll
        now = at(3.5)
        #expect(queue.due(at: now, sizeOf: probe) == [a])  // second stable poll
        #expect(polls == [at(1.5), at(2.5), at(3.5)])
        #expect(queue.isEmpty)
    }

    @Test func aGrowthReportRestartsPollingButAnUnchangedSizeDoesNot() {
        var queue = SettlingQueue<ManualInstant>()
        queue.noteModified(a, size: 100, at: at(0))
        queue.noteModified(a, size: 100, at: at(0.9))
        #expect(queue.nextDeadline() == at(1))
        #expect(queue.due(at: at(1), sizeOf: { _ in 100 }).isEmpty)
        queue.noteModified(a, size: 150, at: at(1.5))
        #expect(queue.nextDeadline() == at(2.5))
        #expect(queue.due(at: at(2.5), sizeOf: { _ in 150 }).isEmpty)
        #expect(queue.due(at: at(3.5), sizeOf: { _ in 150 }) == [a])
    }

    @Test func aCloseAfterModificationsSwitchesToTheQuietPeriod() {
        var queue = SettlingQueue<ManualInstant>()
        queue.noteModified(a, size: 100, at: at(0))
        queue.noteWritten(a, size: 120, at: at(0.1))
        #expect(queue.nextDeadline() == at(0.4))
        #expect(queue.due(at: at(0.4), sizeOf: noPolls) == [a])
    }

    @Test func aDownloadThatVanishesBeforeSettlingIsForgotten() {
        var queue = SettlingQueue<ManualInstant>()
        queue.noteModified(a, size: 100, at: at(0))
        #expect(queue.due(at: at(1), sizeOf: { _ in nil }).isEmpty)
        #expect(queue.isEmpty)
        #expect(queue.nextDeadline() == nil)
    }

    @Test func removalCancelsAPathAndAFolderRemovalCancelsItsContents() {
        var queue = SettlingQueue<ManualInstant>()
        queue.noteWritten(a, size: 1, at: at(0))
        queue.noteModified(b, size: 1, at: at(0))
        queue.noteWritten(RawPath("/media/sub/x.jpg"), size: 1, at: at(0))
        queue.noteWritten(RawPath("/media/subway.jpg"), size: 1, at: at(0))
        queue.noteRemoved(a)
        queue.noteRemoved(b)
        queue.cancel(inside: RawPath("/media/sub"))
        #expect(!queue.contains(a))
        #expect(queue.count == 1)
        #expect(queue.due(at: at(10), sizeOf: noPolls) == [RawPath("/media/subway.jpg")])
        #expect(queue.nextDeadline() == nil)
    }

    @Test func aBurstOfAThousandEventsOnOnePathYieldsOneReadyPath() {
        var queue = SettlingQueue<ManualInstant>()
        for i in 0..<1_000 {
            if i.isMultiple(of: 3) {
                queue.noteWritten(a, size: Int64(i), at: at(Double(i) / 1000))
            } else {
                queue.noteModified(a, size: Int64(i), at: at(Double(i) / 1000))
            }
            #expect(queue.count == 1)
        }
        // The last event (999) was a close, at 0.999 s.
        #expect(queue.nextDeadline() == at(1.299))
        #expect(queue.due(at: at(1.298), sizeOf: noPolls).isEmpty)
        #expect(queue.due(at: at(1.299), sizeOf: noPolls) == [a])
        #expect(queue.due(at: at(100), sizeOf: noPolls).isEmpty)
    }

    @Test func readyPathsComeOldestFirstByFirstEvent() {
        var queue = SettlingQueue<ManualInstant>()
        queue.noteWritten(c, size: 1, at: at(0))
        queue.noteModified(a, size: 1, at: at(0.1))
        queue.noteWritten(b, size: 1, at: at(0.2))
        queue.noteWritten(c, size: 2, at: at(0.25))  // rewritten: keeps its place
        queue.noteWritten(a, size: 1, at: at(0.3))  // closed now: still keeps its place
        #expect(queue.due(at: at(10), sizeOf: noPolls) == [c, a, b])
    }

    @Test func aFullQueueDropsNewPathsCountsThemAndFlagsOverflow() {
        var queue = SettlingQueue<ManualInstant>(capacity: 2)
        let accepted1 = queue.noteWritten(a, size: 1, at: at(0))
        #expect(accepted1)
        let accepted2 = queue.noteWritten(b, size: 1, at: at(0))
        #expect(accepted2)
        #expect(!queue.isOverflowing)
        let accepted3 = queue.noteWritten(c, size: 1, at: at(0))
        #expect(!accepted3)
        let accepted4 = queue.noteModified(RawPath("/media/d.jpg"), size: 1, at: at(0))
        #expect(!accepted4)
        #expect(queue.isOverflowing)
        #expect(queue.dropped == 2)
        // Paths already waiting still take events.
        let accepted5 = queue.noteWritten(a, size: 2, at: at(0.1))
        #expect(accepted5)
        #expect(queue.count == 2)
        #expect(queue.due(at: at(1), sizeOf: noPolls) == [a, b])
        // Room again, but the flag stays until the caller has rescanned.
        let accepted6 = queue.noteWritten(c, size: 1, at: at(1))
        #expect(accepted6)
        #expect(queue.isOverflowing)
        #expect(queue.resetOverflow() == 2)
        #expect(!queue.isOverflowing)
        #expect(queue.dropped == 0)
    }

    @Test func ahundredThousandFilesFitByDefaultAndTheNextIsDropped() {
        var queue = SettlingQueue<ManualInstant>()
        let base = RawPath("/media/burst")
        for i in 0..<100_000 {
            queue.noteWritten(base.appending(component: "f\(i).txt"), size: 1, at: at(0))
        }
        #expect(!queue.isOverflowing)
        let accepted7 = queue.noteWritten(base.appending(component: "extra.txt"), size: 1, at: at(0))
        #expect(!accepted7)
        #expect(queue.isOverflowing)
        #expect(queue.dropped == 1)
        let ready = queue.due(at: at(1), sizeOf: noPolls)
        #expect(ready.count == 100_000)
        #expect(ready.first == base.appending(component: "f0.txt"))
        #expect(ready.last == base.appending(component: "f99999.txt"))
    }
}
