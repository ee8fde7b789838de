#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import MLibCore

/// A path given to the walk could not be examined.
public struct WalkError: Error, Sendable, CustomStringConvertible {
    public var path: RawPath
    public var message: String

    public init(path: RawPath, message: String) {
        self.path = path
        self.message = message
    }

    init(path: RawPath, errno code: Int32) {
        self.path = path
        self.message = String(cString: strerror(code)).lowercased()
    }

    public var description: String { "\(path.displayString): \(message)" }
}
