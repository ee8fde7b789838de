/// One `struct inotify_event` as the kernel reported it.
public struct InotifyEvent: Sendable, Hashable {
    /// The watch the event belongs to; -1 for a queue overflow.
    public var watch: Int32
    public var mask: InotifyMask
    /// Links the `movedFrom` and `movedTo` halves of one rename; 0 otherwise.
    public var cookie: UInt32
    /// The entry's name inside the watched folder, as raw bytes; empty for the folder itself.
    public var name: [UInt8]

    public init(watch: Int32, mask: InotifyMask, cookie: UInt32, name: [UInt8]) {
        self.watch = watch
        self.mask = mask
        self.cookie = cookie
        self.name = name
    }
}
