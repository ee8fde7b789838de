import CLibMagic
import MLibCore

/// STUB — to be replaced: decides by content (libmagic) what a file is.
final class TypeSniffer: @unchecked Sendable {
    enum Result: Sendable, Equatable {
        case text(mime: String)
        case image(mime: String)
        case video(mime: String)
        case unsupported(mime: String, description: String)
    }

    static let shared = TypeSniffer()
    static let prefixLength = 64 * 1024

    func sniff(_ head: [UInt8]) -> Result {
        .unsupported(mime: "application/octet-stream", description: "not implemented")
    }
}
