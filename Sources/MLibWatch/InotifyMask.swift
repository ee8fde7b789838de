/// The inotify event bits, as `inotify_add_watch` takes them and `read` reports them.
///
/// Spelled out here with the kernel's values (`<sys/inotify.h>`) so they are plain
/// `UInt32` flags whatever way the C headers import.
public struct InotifyMask: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    public static let access = InotifyMask(rawValue: 0x0000_0001)
    public static let modify = InotifyMask(rawValue: 0x0000_0002)
    public static let attrib = InotifyMask(rawValue: 0x0000_0004)
    public static let closeWrite = InotifyMask(rawValue: 0x0000_0008)
    public static let closeNoWrite = InotifyMask(rawValue: 0x0000_0010)
    public static let open = InotifyMask(rawValue: 0x0000_0020)
    public static let movedFrom = InotifyMask(rawValue: 0x0000_0040)
    public static let movedTo = InotifyMask(rawValue: 0x0000_0080)
    public static let create = InotifyMask(rawValue: 0x0000_0100)
    public static let delete = InotifyMask(rawValue: 0x0000_0200)
    public static let deleteSelf = InotifyMask(rawValue: 0x0000_0400)
    public static let moveSelf = InotifyMask(rawValue: 0x0000_0800)

    /// The file system holding the watched object was unmounted.
    public static let unmount = InotifyMask(rawValue: 0x0000_2000)
    /// The kernel's event queue overflowed; events were lost (`wd` is -1).
    public static let queueOverflow = InotifyMask(rawValue: 0x0000_4000)
    /// The watch was removed, explicitly or because its object is gone.
    public static let ignored = InotifyMask(rawValue: 0x0000_8000)

    /// Only watch the path if it is a directory.
    public static let onlyDirectory = InotifyMask(rawValue: 0x0100_0000)
    /// Do not follow the path if it is a symbolic link.
    public static let dontFollow = InotifyMask(rawValue: 0x0200_0000)
    /// No events for children after they were unlinked.
    public static let excludeUnlinked = InotifyMask(rawValue: 0x0400_0000)
    /// The subject of the event is a directory.
    public static let isDirectory = InotifyMask(rawValue: 0x4000_0000)
}
