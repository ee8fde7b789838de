import Foundation

/// Where the committed test fixtures live, found from this source file's path so
/// tests need no resource bundles.
public enum Fixtures {
    /// `Tests/Fixtures`, absolute.
    public static let root: String = {
        let here = URL(fileURLWithPath: #filePath)  // Tests/MLibTestSupport/Fixtures.swift
        return here.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").path
    }()

    /// The package's root folder, absolute.
    public static let packageRoot: String = {
        URL(fileURLWithPath: root).deletingLastPathComponent().deletingLastPathComponent().path
    }()

    /// The absolute path of `relative` inside `Tests/Fixtures`.
    public static func path(_ relative: String) -> String {
        root + "/" + relative
    }
}
