import Foundation
import MLibCore

/// The mount points the kernel lists for this process (`/proc/self/mountinfo`).
enum MountTable {
    /// Whether a filesystem is mounted at exactly `path` now.
    static func isMountPoint(_ path: RawPath) -> Bool {
        guard let table = FileManager.default.contents(atPath: "/proc/self/mountinfo") else { return false }
        for line in table.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 5, omittingEmptySubsequences: false)
            if fields.count > 4, unescape(fields[4]) == path.bytes { return true }
        }
        return false
    }

    /// Undoes the kernel's octal escapes (`\040` for a space, `\134` for `\`).
    static func unescape<Bytes: Collection<UInt8>>(_ field: Bytes) -> [UInt8] {
        let bytes = Array(field)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 3 < bytes.count,
                let value = UInt8(String(decoding: bytes[(index + 1)...(index + 3)], as: UTF8.self), radix: 8)
            {
                out.append(value)
                index += 4
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}
