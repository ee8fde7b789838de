public import MLibCore
public import MLibIngest
public import MLibMedia

/// How `WatchService` keeps a library in step with folders.
public struct WatchConfiguration: Sendable {
    /// Absolute paths of the watched folders.
    public var roots: [RawPath]
    /// The library file, for the status file beside it.
    public var libraryPath: String
    /// Poll every folder this often instead of using inotify (filesystems without
    /// it: network shares, some FUSE mounts). Nil watches with inotify.
    public var pollInterval: Duration?
    /// How often folders left without an inotify watch (the watch limit ran out)
    /// are polled, and how often a vanished root is looked for.
    public var fallbackPollInterval: Duration = .seconds(30)
    /// How long a closed file must go without events before it is read.
    public var quietPeriod: Duration = .milliseconds(300)
    /// One pass per model the library embeds with (its roles); none indexes words only.
    public var embedding: [any ModelPass]
    /// How pixels of images and videos are looked at (frame rate, OCR).
    public var pictures = PictureOptions()
    /// Changes queued for ingest before the queue gives up on details and rescans.
    public var queueCapacity = 20_000

    public init(roots: [RawPath], libraryPath: String, pollInterval: Duration? = nil, embedding: [any ModelPass]) {
        self.roots = roots
        self.libraryPath = libraryPath
        self.pollInterval = pollInterval
        self.embedding = embedding
    }
}
