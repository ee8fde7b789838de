import MLibCore
import MLibExport
import Testing

@Suite struct ExporterTests {
    @Test func formatNamesAreWhatTheCommandLineAccepts() {
        #expect(ExportFormat.allCases.map(\.rawValue) == ["table", "json", "jsonl", "m3u"])
        #expect(ExportFormat(rawValue: "jsonl") == .jsonl)
        #expect(ExportFormat(rawValue: "csv") == nil)
        #expect(ExportFormat.m3u.fileExtension == "m3u8")
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
    }
}
