#if canImport(Glibc)
import Glibc
#endif
public import MLibCore

/// An inotify instance: a file descriptor the kernel queues file system events on.
///
/// Not synchronised: access is serialised by its owner (one `TreeWatcher`, driven by
/// one task at a time), which is why the `Sendable` conformance is unchecked. The
/// descriptor is non-blocking and close-on-exec, and closed on deinit.
public final class Inotify: @unchecked Sendable {
    /// Bytes read per `read(2)`: room for hundreds of events with long names.
    public static let bufferSize = 64 * 1024

    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer

    public init() throws(WatchError) {
        let flags = Int32(O_NONBLOCK) | Int32(O_CLOEXEC)
        descriptor = try Self.check(call: "inotify_init1", path: nil) { inotify_init1(flags) }
        buffer = .allocate(byteCount: Self.bufferSize, alignment: MemoryLayout<UInt32>.alignment)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// The inotify descriptor, to `poll(2)` it together with others; it becomes
    /// readable when events are queued. Owned by this instance: do not read or close it.
    public var fileDescriptor: Int32 { descriptor }

    /// Watches `path` for the events in `mask`; returns the watch descriptor.
    ///
    /// Watching an already watched inode returns its existing descriptor.
    /// Throws `.watchLimit` when `fs.inotify.max_user_watches` is used up,
    /// `.vanished` when the path is gone and `.permission` when it may not be read.
    public func addWatch(_ path: RawPath, mask: InotifyMask) throws(WatchError) -> Int32 {
        let fd = descriptor
        return try Self.check(call: "inotify_add_watch", path: path) {
            path.withCString { inotify_add_watch(fd, $0, mask.rawValue) }
        }
    }

    /// Stops watch `watch`; a watch the kernel already dropped is ignored.
    public func removeWatch(_ watch: Int32) {
        let fd = descriptor
        _ = try? Self.check(call: "inotify_rm_watch", path: nil) { inotify_rm_watch(fd, watch) }
    }

    /// Waits up to `timeout` for events and returns those queued, in kernel order.
    ///
    /// Returns an empty array when nothing happened in time.
    public func read(timeout: Duration) throws(WatchError) -> [InotifyEvent] {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Self.milliseconds(timeout)
        let ready = try Self.check(call: "poll", path: nil) { poll(&request, 1, milliseconds) }
        guard ready > 0 else { return [] }
        let fd = descriptor
        let base = buffer.baseAddress
        let count: Int
        do {
            count = try Self.check(call: "read", path: nil) { Glibc.read(fd, base, Self.bufferSize) }
        } catch where error.errnoValue == EAGAIN {
            return []
        }
        return Self.decode(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
    }

    /// Splits raw bytes into events: a 16-byte header (`wd`, `mask`, `cookie`,
    /// `len`) followed by `len` bytes of NUL-padded name.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        var offset = 0
        let header = 16
        while offset + header <= bytes.count {
            let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let cookie = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + header
            let nameEnd = min(nameStart + length, bytes.count)
            let name = Array(bytes[nameStart..<nameEnd].prefix(while: { $0 != 0 }))
            events.append(InotifyEvent(watch: watch, mask: InotifyMask(rawValue: mask), cookie: cookie, name: name))
            offset = nameStart + length
        }
        return events
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 { return 0 }
        let total = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: total)
    }

    /// Runs a C call until it does not fail with `EINTR`; a -1 result becomes a
    /// `WatchError` built from `errno`.
    private static func check<T: BinaryInteger>(
        call: String, path: RawPath?, _ body: () -> T
    ) throws(WatchError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let number = errno
            if number == EINTR { continue }
            throw WatchError(errno: number, call: call, path: path)
        }
    }
}
