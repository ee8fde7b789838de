#if canImport(Glibc)
import Glibc
#endif
public import MLibCore

/// Watching a path for changes failed.
///
/// `code` tells callers what to do (fall back to polling when the watch limit is
/// reached, forget a path that vanished); `description` is one line for people.
public struct WatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in a form callers can match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// `fs.inotify.max_user_watches` is used up.
        public static let watchLimit = Code(rawValue: "watch-limit")
        /// `fs.inotify.max_user_instances` is used up, or the process is out of descriptors.
        public static let instanceLimit = Code(rawValue: "instance-limit")
        /// The path no longer exists (or is no longer a folder).
        public static let vanished = Code(rawValue: "vanished")
        /// The path may not be read.
        public static let permission = Code(rawValue: "permission")
        /// Any other failure of the system call.
        public static let system = Code(rawValue: "system")

        public var description: String { rawValue }
    }

    public var code: Code
    /// The path involved, if any.
    public var path: RawPath?
    /// What happened and what to do, in one line.
    public var message: String
    /// The `errno` value behind the error; 0 when there was none.
    var errnoValue: Int32 = 0

    public init(code: Code, path: RawPath?, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// The error for `errno` value `number` from `call` on `path`.
    init(errno number: Int32, call: String, path: RawPath?) {
        self.path = path
        errnoValue = number
        let reason = String(cString: strerror(number)).lowercased()
        switch number {
        case ENOSPC where call == "inotify_add_watch":
            code = .watchLimit
            message =
                "inotify watch limit reached (fs.inotify.max_user_watches); "
                + "raise it with `sudo sysctl fs.inotify.max_user_watches=524288`"
        case EMFILE, ENFILE:
            code = .instanceLimit
            message =
                "\(call): \(reason); raise fs.inotify.max_user_instances "
                + "(`sudo sysctl fs.inotify.max_user_instances=1024`) or the open file limit"
        case ENOENT, ENOTDIR:
            code = .vanished
            message = "\(call): the folder vanished (\(reason))"
        case EACCES, EPERM:
            code = .permission
            message = "\(call): permission denied; make the folder readable to this user"
        default:
            code = .system
            message = "\(call): \(reason)"
        }
    }

    public var description: String {
        if let path { return "\(path.displayString): \(message)" }
        return message
    }
}
