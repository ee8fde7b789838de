import MLibCore
import MLibMedia
import Testing

@Suite struct FrameTimelineTests {
    @Test func eachFrameIsAPictureUntilTheNextAndTheLastUntilTheEnd() {
        var timeline = FrameTimeline(interval: 1, duration: 2.5)
        timeline.add(time: 0.0, uniform: false, colours: "", text: nil)
        timeline.add(time: 1.04, uniform: true, colours: "", text: nil)
        timeline.add(time: 2.0, uniform: false, colours: "", text: nil)
        let pictures = timeline.segments().filter { $0.field == .picture }
        #expect(pictures.map(\.start) == [0.0, 1.04, 2.0])
        #expect(pictures.map(\.end) == [1.04, 2.0, 2.5])
        #expect(pictures.map(\.text) == ["", "uniform", ""], "a uniform frame stays on the timeline, marked")
        #expect(pictures.allSatisfy { $0.modality == .frame })
    }

    @Test func framesShowingTheSameTextBecomeOneMoment() {
        var timeline = FrameTimeline(interval: 1, duration: 8)
        for time in 0..<8 {
            let text: String? =
                switch time {
                case 3: "PLATFORM 4 TRAIN TO BORDEAUX"
                case 4: "PLATFORM 4 TRAIN TO BORDEAU"  // a misread letter
                case 5: "PLATFORM 4 TRAIN TO BORDEAUX"
                default: nil
                }
            timeline.add(time: Double(time), uniform: false, colours: time < 3 ? "grey" : "grey yellow", text: text)
        }
        let segments = timeline.segments()
        let texts = segments.filter { $0.field == .ocr }
        #expect(texts.count == 1)
        #expect(texts.first?.start == 3 && texts.first?.end == 6)
        #expect(texts.first?.text == "PLATFORM 4 TRAIN TO BORDEAUX")
        let colours = segments.filter { $0.field == .colour }
        #expect(colours.map(\.text) == ["grey", "grey yellow"])
        #expect(colours.map(\.start) == [0, 3] && colours.map(\.end) == [3, 8])
    }

    @Test func theSameTextAfterAGapIsASecondMoment() {
        var timeline = FrameTimeline(interval: 0.5, duration: nil)
        timeline.add(time: 0, uniform: false, colours: "", text: "EXIT")
        timeline.add(time: 0.5, uniform: false, colours: "", text: nil)
        timeline.add(time: 1.0, uniform: false, colours: "", text: "EXIT")
        let texts = timeline.segments().filter { $0.field == .ocr }
        #expect(texts.map(\.start) == [0, 1.0])
        #expect(texts.map(\.end) == [0.5, 1.5])
    }
}
