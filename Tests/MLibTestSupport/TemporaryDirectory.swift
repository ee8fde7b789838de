import Foundation

/// A fresh folder under the system's temporary directory, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String = "mlib-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        let template = base + "/\(prefix)-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw CocoaError(.fileWriteUnknown)
        }
        self.path = String(cString: made)
    }

    /// The absolute path of `name` inside this folder.
    public func path(_ name: String) -> String {
        path + "/" + name
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
