import MLibCore
import MLibExport
import Testing

@Suite struct ExporterTests {
    @Test func formatNamesAreWhatTheCommandLineAccepts() {
        #expect(ExportFormat.allCases.map(\.rawValue) == ["table", "json", "jsonl", "m3u", "otio", "edl", "csv"])
        #expect(ExportFormat(rawValue: "jsonl") == .jsonl)
        #expect(ExportFormat(rawValue: "xml") == nil)
        #expect(ExportFormat.allCases.map(\.fileExtension) == ["txt", "json", "jsonl", "m3u8", "otio", "edl", "csv"])
    }

    @Test func renderDispatchesToEachFormatsExporter() {
        let results = SampleResults.varied
        let options = ExportOptions(color: true, width: 50, includeImages: true, imageSeconds: 3, useMoments: true)
        #expect(Exporter.render(results, format: .json, options: options) == JSONExporter().render(results))
        #expect(Exporter.render(results, format: .jsonl, options: options) == JSONLinesExporter().render(results))
        #expect(
            Exporter.render(results, format: .m3u, options: options)
                == M3UExporter(includeImages: true, imageSeconds: 3, useMoments: true).render(results))
        #expect(
            Exporter.render(results, format: .table, options: options)
                == TableExporter(color: true, width: 50).render(results))
        #expect(Exporter.render(results, format: .m3u) == M3UExporter().render(results))
        #expect(Exporter.render(results, format: .otio, options: options) == OTIOExporter().render(results))
        #expect(Exporter.render(results, format: .edl, options: options) == EDLExporter().render(results))
        #expect(Exporter.render(results, format: .csv, options: options) == CSVExporter().render(results))
        let whole = ExportOptions(useMoments: false)
        #expect(Exporter.render(results, format: .otio, options: whole) == OTIOExporter(useMoments: false).render(results))
        #expect(Exporter.render(results, format: .edl, options: whole) == EDLExporter(useMoments: false).render(results))
    }

    @Test func momentsAreTheDefault() {
        #expect(ExportOptions().useMoments)
        #expect(M3UExporter().useMoments && OTIOExporter().useMoments && EDLExporter().useMoments)
    }

    @Test func notesSayHowManyHitsAPlaylistOrTimelineLeavesOut() {
        let results = SampleResults.editorial
        let timeline = "3 of 7 results left out (1 text, 1 image, 1 video): "
            + "a timeline holds only videos with a moment or a known length."
        #expect(Exporter.notes(for: results, format: .otio) == [timeline])
        #expect(Exporter.notes(for: results, format: .edl) == [timeline])
        #expect(
            Exporter.notes(for: results, format: .m3u)
                == ["2 of 7 results left out (1 text, 1 image): a playlist lists only videos."])
        #expect(
            Exporter.notes(for: results, format: .m3u, options: ExportOptions(includeImages: true))
                == ["1 of 7 results left out (1 text): a playlist lists only videos and images."])
        for format in [ExportFormat.table, .json, .jsonl, .csv] {
            #expect(Exporter.notes(for: results, format: format).isEmpty, "\(format) shows every hit")
        }
        #expect(Exporter.notes(for: SampleResults.empty(), format: .otio).isEmpty)
    }
}
