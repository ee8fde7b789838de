import Foundation
@testable import MLibInference
import MLibTestSupport
import Testing

@Suite struct ModelLocatorTests {
    @Test func searchOrderIsOptionEnvironmentDataHomeCheckoutWorkingFolder() throws {
        let locator = ModelLocator(
            modelsOption: "/opt/m1", environment: ["MLIB_MODELS": "/opt/m2:/opt/m3", "XDG_DATA_HOME": "/data", "HOME": "/home/x"],
            executablePath: Fixtures.packageRoot + "/.build/release/mlib")
        #expect(Array(locator.searchPaths.prefix(5)) == ["/opt/m1", "/opt/m2", "/opt/m3", "/data/mlib/models", Fixtures.packageRoot + "/models"])
    }

    @Test func aBinaryInsideTheCheckoutFindsItsModelsFolderThroughTheBuildLink() {
        #expect(ModelLocator.checkout(containing: Fixtures.packageRoot + "/.build/release/mlib") == Fixtures.packageRoot)
        #expect(ModelLocator.checkout(containing: "/usr/local/bin/mlib") == nil)
    }

    @Test func modelsAreFoldersWithAConfigurationNamedByTheirFolder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("tiny"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder.path("tiny/config.json")))
        try FileManager.default.createDirectory(atPath: folder.path("not-a-model"), withIntermediateDirectories: true)
        let locator = ModelLocator(modelsOption: folder.path, environment: [:], executablePath: "")
        #expect(locator.available().first?.name == "tiny")
        #expect(locator.folder(named: "tiny") == folder.path("tiny"))
        #expect(locator.folder(named: "not-a-model") == nil)
        #expect(locator.folder(named: folder.path("tiny")) == folder.path("tiny"), "a path names a folder directly")
    }
}
