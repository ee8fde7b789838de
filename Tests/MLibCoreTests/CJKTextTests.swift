import MLibCore
import Testing

@Suite struct CJKTextTests {
    @Test func runsAreTheStretchesWithoutSpaces() {
        #expect(CJKText.runs(in: "我们去夏日海滩 by the sea 海滩!") == ["我们去夏日海滩", "海滩"])
        #expect(CJKText.runs(in: "東京タワーへ行く") == ["東京タワーへ行く"])
        #expect(CJKText.runs(in: "no cjk here, café") == [])
    }
}
