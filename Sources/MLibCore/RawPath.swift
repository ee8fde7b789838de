/// A file system path as the kernel sees it: bytes, not necessarily UTF-8.
///
/// Linux file names may hold any byte but `/` and NUL, newlines and invalid UTF-8
/// included. mlib keeps the bytes so such a file can always be opened again, and
/// shows a repaired string to people.
///
/// ```swift
/// let path = RawPath("/home/ana/Media").appending(component: [0x66, 0xFF])
/// path.string        // "/home/ana/Media/f\u{FFFD}"
/// path.displayString // "/home/ana/Media/f\u{FFFD}", control characters escaped
/// ```
public struct RawPath: Sendable, Hashable, Comparable {
    /// The path's bytes, without a terminating NUL.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public init<S: StringProtocol>(_ string: S) {
        self.bytes = Array(string.utf8)
    }

    /// The path decoded as UTF-8, invalid sequences replaced by U+FFFD.
    public var string: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the bytes are valid UTF-8, so `string` is exact.
    public var isValidUTF8: Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    /// The path for one line of text: control characters such as newlines escaped.
    public var displayString: String {
        var out = ""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public var isAbsolute: Bool { bytes.first == UInt8(ascii: "/") }

    /// The last component: the file or folder name.
    public var lastComponent: [UInt8] {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return bytes }
        return Array(bytes[(slash + 1)...])
    }

    /// The file name as a string, invalid UTF-8 repaired.
    public var fileName: String {
        String(decoding: lastComponent, as: UTF8.self)
    }

    /// The folder holding this path; `/` for a top-level entry.
    public var parent: RawPath {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return RawPath(".") }
        if slash == 0 { return RawPath("/") }
        return RawPath(bytes: Array(bytes[..<slash]))
    }

    /// This path with one more component, `/` inserted as needed.
    public func appending(component: [UInt8]) -> RawPath {
        if bytes.isEmpty { return RawPath(bytes: component) }
        if bytes.last == UInt8(ascii: "/") { return RawPath(bytes: bytes + component) }
        return RawPath(bytes: bytes + [UInt8(ascii: "/")] + component)
    }

    public func appending(component: String) -> RawPath {
        appending(component: Array(component.utf8))
    }

    /// This path with its last component's extension replaced, or added if it had none.
    ///
    /// `holiday.mp4` with `srt` gives `holiday.srt`; used to find sidecar files.
    public func replacingExtension(with newExtension: String) -> RawPath {
        let name = lastComponent
        let stem: [UInt8]
        if let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > 0 {
            stem = Array(name[..<dot])
        } else {
            stem = name
        }
        return parent.appending(component: stem + [UInt8(ascii: ".")] + Array(newExtension.utf8))
    }

    /// The extension of the last component, lower-cased, without the dot.
    public var pathExtension: String {
        let name = lastComponent
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > 0 else { return "" }
        return String(decoding: name[(dot + 1)...], as: UTF8.self).lowercased()
    }

    /// Whether `self` is `folder` or lies inside it.
    public func isInside(_ folder: RawPath) -> Bool {
        if self == folder { return true }
        let prefix = folder.bytes.last == UInt8(ascii: "/") ? folder.bytes : folder.bytes + [UInt8(ascii: "/")]
        return bytes.starts(with: prefix)
    }

    /// Calls `body` with the path as a NUL-terminated C string.
    public func withCString<R, E: Error>(_ body: (UnsafePointer<CChar>) throws(E) -> R) throws(E) -> R {
        var terminated = bytes
        terminated.append(0)
        do {
            return try terminated.withUnsafeBufferPointer { buffer in
                try buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    try body($0)
                }
            }
        } catch let error as E {
            throw error
        } catch {
            fatalError("unreachable: withUnsafeBufferPointer rethrows only the body's error")
        }
    }

    public static func < (lhs: RawPath, rhs: RawPath) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}

extension RawPath: CustomStringConvertible {
    public var description: String { displayString }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
