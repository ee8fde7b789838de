import Foundation

/// Bytes a vector store reads: a read-only mapping of its file, or memory of its own
/// when the store could not be saved.
///
/// Immutable once made (the owned form is filled before it is shared), so any number
/// of threads may read it; the memory is released in `deinit`.
final class StoreBuffer: @unchecked Sendable {
    let base: UnsafeRawPointer
    let length: Int
    private let mapped: Bool

    private init(base: UnsafeRawPointer, length: Int, mapped: Bool) {
        self.base = base
        self.length = length
        self.mapped = mapped
    }

    /// Zeroed memory of `length` bytes, filled by `body` before anyone else sees it.
    static func owned(length: Int, _ body: (UnsafeMutableRawPointer) throws -> Void) rethrows -> StoreBuffer {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(length, 1), alignment: 64)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: max(length, 1))
        do {
            try body(memory)
        } catch {
            memory.deallocate()
            throw error
        }
        return StoreBuffer(base: UnsafeRawPointer(memory), length: length, mapped: false)
    }

    /// The file at `path` mapped read-only, or nil when it cannot be opened or mapped.
    static func mapping(path: String) -> StoreBuffer? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
        let length = Int(status.st_size)
        guard let pointer = mmap(nil, length, PROT_READ, MAP_SHARED, descriptor, 0), pointer != MAP_FAILED else { return nil }
        return StoreBuffer(base: UnsafeRawPointer(pointer), length: length, mapped: true)
    }

    /// Maps the pages of `range` now, in one call, rather than one fault at a time as
    /// a scan reaches them (Linux 5.14's MADV_POPULATE_READ; ignored where unknown).
    func prefetch(_ range: Range<Int>) {
        guard mapped, !range.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = range.lowerBound / page * page
        let populateRead: Int32 = 22
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), min(range.upperBound, length) - start, populateRead)
    }

    /// Writes the bytes to `path` atomically: a temporary file beside it, flushed to
    /// disk, then renamed over it, so a reader (or a crash) sees the old file or the
    /// new one, never a mix. Returns whether it worked.
    func save(to path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else {
            return false
        }
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        var written = 0
        while written < length {
            let result = write(descriptor, base + written, min(length - written, 1 << 26))
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { break }
            written += result
        }
        let flushed = written == length && fsync(descriptor) == 0
        close(descriptor)
        guard flushed, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
        return true
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), length)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }
}
