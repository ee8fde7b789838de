#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's arguments as the bytes the kernel passed, for file names that are
/// not UTF-8.
///
/// ArgumentParser reads `CommandLine.arguments`, decoded as UTF-8 with invalid bytes
/// replaced by U+FFFD: `caf\xE9.txt` arrives as `caf\u{FFFD}.txt`, which names no
/// file. A command taking a path finds the raw argument again by that decoding.
///
/// ```swift
/// // mlib show $'caf\xE9.txt'
/// RawArguments.bytes(of: "caf\u{FFFD}.txt")  // [0x63, 0x61, 0x66, 0xE9, 0x2E, …]
/// ```
enum RawArguments {
    /// The bytes `argument` was decoded from: the `occurrence`-th argument (from 0)
    /// whose UTF-8 decoding equals it, so that several arguments decoding alike
    /// keep their order.
    ///
    /// An argument that decodes without replacement is its own UTF-8. So is one
    /// found nowhere in the process's arguments, as when a test hands arguments to
    /// the parser directly.
    static func bytes(of argument: String, occurrence: Int = 0) -> [UInt8] {
        guard argument.unicodeScalars.contains("\u{FFFD}") else { return Array(argument.utf8) }
        let matches = arguments.filter { String(decoding: $0, as: UTF8.self) == argument }
        return occurrence < matches.count ? matches[occurrence] : Array(argument.utf8)
    }

    /// The arguments after the program's name, as bytes.
    private static var arguments: [[UInt8]] {
        (1..<max(1, Int(CommandLine.argc))).compactMap { index in
            CommandLine.unsafeArgv[index].map { Array(UnsafeRawBufferPointer(start: $0, count: strlen($0))) }
        }
    }
}
