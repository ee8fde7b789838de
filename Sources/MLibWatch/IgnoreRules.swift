#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import MLibCore

/// Decides which paths the watcher and the walk leave alone.
///
/// Two sources of rules:
///
/// - **Built-in**, judged on the name alone and always in force: hidden names (a
///   leading `.`, which also covers LibreOffice's `.~lock.…#` files and
///   `.mlibignore` itself), Emacs autosaves `#…#`, and names ending in one of
///   ``temporarySuffixes`` (compared ignoring ASCII case). These are files still
///   being written or never meant to be indexed; a `!` line cannot re-include them.
/// - **`.mlibignore` files**, one glob a line, with the meaning `.gitignore` gives
///   in the common cases:
///   - blank lines and lines starting with `#` are skipped (`\#` for a literal `#`);
///     trailing spaces are dropped unless escaped with `\`;
///   - `!pattern` re-includes what an earlier line excluded; the last matching line
///     wins, and rules of a deeper `.mlibignore` come after those of its parents;
///   - a trailing `/` matches folders only;
///   - a pattern with no other `/` matches the name at any depth below the file's
///     folder; a pattern with a `/` (leading or inside) is anchored to that folder;
///   - `*` matches any run of bytes but `/`, `?` one character, `[a-z]` / `[!a-z]`
///     one byte from (or not from) the set, `\x` the byte `x`; a `**` segment
///     matches any number of folders (`**/cache`, `a/**/b`), and a trailing `/**`
///     everything inside a folder.
///
/// Matching works on raw bytes, so names that are not UTF-8 are matched like any
/// other. Rules are checked for the path and for each folder between a rule file's
/// folder and the path: as in git, nothing inside an ignored folder can be
/// re-included. Built-in rules are checked against the path's own name only, since
/// callers never descend into a folder they ignore.
///
/// ```swift
/// var rules = IgnoreRules()
/// try rules.load(ignoreFile: RawPath("/media/.mlibignore"), base: RawPath("/media"))
/// rules.isIgnored(RawPath("/media/film.mkv.part"), isDirectory: false) // true
/// ```
public struct IgnoreRules: Sendable {
    /// Name endings of files still being written by browsers, editors and copiers.
    public static let temporarySuffixes: [String] = [
        ".part", ".crdownload", ".tmp", ".swp", ".swx", "~", ".partial", ".download",
    ]

    /// The name of the files holding extra rules.
    public static let ignoreFileName = ".mlibignore"

    private static let suffixBytes: [[UInt8]] = temporarySuffixes.map { Array($0.utf8) }

    /// Rule files ordered by depth, shallowest first, so deeper ones win.
    private var files: [RuleFile] = []

    public init() {}

    /// Whether `path` should be left alone.
    ///
    /// `isDirectory` matters for folder-only patterns (a trailing `/`).
    public func isIgnored(_ path: RawPath, isDirectory: Bool) -> Bool {
        Self.isTemporaryOrHidden(name: path.lastComponent) || isExcludedByRuleFiles(path, isDirectory: isDirectory)
    }

    /// Whether the `.mlibignore` rules alone leave `path` out, the built-in name
    /// rules aside: how a walk judges a root its caller named explicitly.
    func isExcludedByRuleFiles(_ path: RawPath, isDirectory: Bool) -> Bool {
        guard !files.isEmpty else { return false }
        let components = Self.components(of: path.bytes)
        let applicable = files.filter { components.starts(with: $0.base) && components.count > $0.base.count }
        guard let shallowest = applicable.first else { return false }
        // Folders between the shallowest rule file and the path, then the path itself.
        for end in (shallowest.base.count + 1)...components.count {
            let isLast = end == components.count
            if Self.verdict(applicable, components[..<end], isDirectory: isLast ? isDirectory : true) {
                return true
            }
        }
        return false
    }

    /// Whether a name is hidden or marks a temporary file, by the built-in rules.
    public static func isTemporaryOrHidden(name: [UInt8]) -> Bool {
        guard let first = name.first else { return false }
        if first == UInt8(ascii: ".") { return true }
        if first == UInt8(ascii: "#"), name.count >= 2, name.last == UInt8(ascii: "#") { return true }
        return suffixBytes.contains { suffix in
            name.count > suffix.count
                && zip(name.suffix(suffix.count), suffix).allSatisfy { asciiLowercased($0) == $1 }
        }
    }

    /// Reads a `.mlibignore` file whose rules apply below `base`, replacing rules
    /// loaded earlier for the same folder.
    ///
    /// A missing file removes the folder's rules, so the caller can simply reload
    /// when the file changes or disappears. Other read failures throw.
    public mutating func load(ignoreFile: RawPath, base: RawPath) throws(WalkError) {
        try load(ignoreFile: ignoreFile, base: base, relativeTo: AT_FDCWD)
    }

    /// Reads a `.mlibignore` file as `load(ignoreFile:base:)` does, a relative
    /// `ignoreFile` opened relative to `folder`, an open folder's descriptor.
    mutating func load(ignoreFile: RawPath, base: RawPath, relativeTo folder: Int32) throws(WalkError) {
        let fd = ignoreFile.withCString { openat(folder, $0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                unload(base: base)
                return
            }
            throw WalkError(path: ignoreFile, errno: code)
        }
        defer { close(fd) }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw WalkError(path: ignoreFile, errno: errno)
            }
            contents.append(contentsOf: buffer[..<count])
        }
        load(contents: contents, base: base)
    }

    /// Adds rules from the text of an ignore file, applying below `base`.
    ///
    /// Replaces rules loaded earlier for the same folder.
    public mutating func load(contents: [UInt8], base: RawPath) {
        let baseComponents = Self.components(of: base.bytes)
        unload(base: base)
        var rules: [Rule] = []
        for line in contents.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            if let rule = Rule(line: Array(line)) { rules.append(rule) }
        }
        guard !rules.isEmpty else { return }
        let file = RuleFile(base: baseComponents, rules: rules)
        let index = files.firstIndex { $0.base.count > baseComponents.count } ?? files.endIndex
        files.insert(file, at: index)
    }

    /// Forgets the rules of the ignore file in `base`, as when it is deleted.
    public mutating func unload(base: RawPath) {
        let baseComponents = Self.components(of: base.bytes)
        files.removeAll { $0.base == baseComponents }
    }

    /// The last matching rule's verdict for one path, rule files in depth order.
    private static func verdict(_ files: [RuleFile], _ components: ArraySlice<[UInt8]>, isDirectory: Bool) -> Bool {
        var ignored = false
        for file in files where components.count > file.base.count {
            let relative = components.dropFirst(file.base.count)
            for rule in file.rules where rule.matches(relative, isDirectory: isDirectory) {
                ignored = !rule.negated
            }
        }
        return ignored
    }

    private static func components(of bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
            .filter { $0 != [UInt8(ascii: ".")] }
            .map(Array.init)
    }

    fileprivate static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}

/// The rules of one `.mlibignore`, with the folder they apply below.
private struct RuleFile: Sendable {
    var base: [[UInt8]]
    var rules: [Rule]
}

/// One line of an ignore file.
private struct Rule: Sendable {
    var negated: Bool
    var directoryOnly: Bool
    var anchored: Bool
    /// The pattern split at `/`; a `**` segment is kept as is.
    var segments: [[UInt8]]

    init?(line raw: [UInt8]) {
        var line = raw
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        // Trailing spaces go unless the last one is escaped.
        while line.last == UInt8(ascii: " ") {
            if line.count >= 2, line[line.count - 2] == UInt8(ascii: "\\") { break }
            line.removeLast()
        }
        guard let first = line.first, first != UInt8(ascii: "#") else { return nil }
        negated = first == UInt8(ascii: "!")
        if negated { line.removeFirst() }
        directoryOnly = line.last == UInt8(ascii: "/")
        while line.last == UInt8(ascii: "/") { line.removeLast() }
        anchored = line.contains(UInt8(ascii: "/"))
        segments = line.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
        guard !segments.isEmpty else { return nil }
        if !anchored, segments != [[UInt8(ascii: "*"), UInt8(ascii: "*")]] {
            // A bare name matches at any depth: the same as `**/name`.
            segments.insert(Self.globstar, at: 0)
        }
        if segments.last == Self.globstar {
            // `dir/**` is everything inside `dir`, not `dir` itself.
            segments.insert([UInt8(ascii: "*")], at: segments.count - 1)
        }
    }

    static let globstar: [UInt8] = [UInt8(ascii: "*"), UInt8(ascii: "*")]

    func matches(_ components: ArraySlice<[UInt8]>, isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        return Self.match(segments[...], components)
    }

    private static func match(_ pattern: ArraySlice<[UInt8]>, _ path: ArraySlice<[UInt8]>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == globstar {
            let rest = pattern.dropFirst()
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let name = path.first, GlobSegment.matches(head[...], name[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}

/// Glob matching within one path segment, on bytes.
private enum GlobSegment {
    static func matches(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var n = name.startIndex
        // Where to resume after the last `*`: pattern just past it, name position it covers up to.
        var star: (pattern: Int, name: Int)?
        while n < name.endIndex {
            if p < pattern.endIndex {
                switch pattern[p] {
                case UInt8(ascii: "*"):
                    while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
                    star = (p, n)
                    continue
                case UInt8(ascii: "?"):
                    p += 1
                    n += characterLength(name, at: n)
                    continue
                case UInt8(ascii: "["):
                    if let (matched, end) = matchClass(pattern, at: p, byte: name[n]) {
                        if matched {
                            p = end
                            n += 1
                            continue
                        }
                    } else if name[n] == UInt8(ascii: "[") {
                        p += 1
                        n += 1
                        continue
                    }
                case UInt8(ascii: "\\") where p + 1 < pattern.endIndex:
                    if pattern[p + 1] == name[n] {
                        p += 2
                        n += 1
                        continue
                    }
                case let literal:
                    if literal == name[n] {
                        p += 1
                        n += 1
                        continue
                    }
                }
            }
            guard let resume = star else { return false }
            // Let the last `*` swallow one more byte and try again from there.
            star = (resume.pattern, resume.name + 1)
            p = resume.pattern
            n = resume.name + 1
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }

    /// The bytes of one UTF-8 character at `index`, or 1 for a byte that starts none.
    private static func characterLength(_ name: ArraySlice<UInt8>, at index: Int) -> Int {
        let lead = name[index]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 1
        }
        guard index + length <= name.endIndex,
            name[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
        else { return 1 }
        return length
    }

    /// Matches `byte` against the class opening at `start`; nil if the class never closes.
    private static func matchClass(_ pattern: ArraySlice<UInt8>, at start: Int, byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < pattern.endIndex, pattern[i] == UInt8(ascii: "!") || pattern[i] == UInt8(ascii: "^") {
            negate = true
            i += 1
        }
        var found = false
        var first = true
        while i < pattern.endIndex {
            var low = pattern[i]
            if low == UInt8(ascii: "]"), !first {
                return (found != negate, i + 1)
            }
            first = false
            if low == UInt8(ascii: "\\"), i + 1 < pattern.endIndex {
                i += 1
                low = pattern[i]
            }
            var high = low
            if i + 2 < pattern.endIndex, pattern[i + 1] == UInt8(ascii: "-"), pattern[i + 2] != UInt8(ascii: "]") {
                high = pattern[i + 2]
                if high == UInt8(ascii: "\\"), i + 3 < pattern.endIndex {
                    i += 1
                    high = pattern[i + 2]
                }
                i += 2
            }
            if low <= byte && byte <= high { found = true }
            i += 1
        }
        return nil
    }
}
