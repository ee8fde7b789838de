import Foundation
import Testing
import MLibTestSupport
@testable import MLibInference

/// F32 weights are read in place from the mapping; everything else is converted.
struct WeightTests {
    /// A safetensors file whose data section starts `shift` bytes after a 4-byte boundary.
    private func file(shift: Int, _ entries: [(String, String, [Int], [UInt8])]) throws -> (SafetensorsFile, TemporaryDirectory) {
        let plain = safetensorsBytes(entries)
        let headerLength = Int(plain[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        var header = Array(plain[8..<(8 + headerLength)])
        // Trailing spaces are allowed after the JSON; they move where the data starts.
        while (8 + header.count) % 4 != shift { header.append(0x20) }
        let bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header + plain[(8 + headerLength)...]
        let directory = try TemporaryDirectory()
        try Data(bytes).write(to: URL(fileURLWithPath: directory.path("model.safetensors")))
        return (try SafetensorsFile(path: directory.path("model.safetensors")), directory)
    }

    @Test func alignedFloat32IsMappedNotCopied() throws {
        let (weights, directory) = try file(shift: 0, [("w", "F32", [2, 3], floatBytes([1, 2, 3, 4, 5, 6]))])
        defer { directory.remove() }
        let weight = try weights.weight(named: "w", expectedShape: [2, 3])
        #expect(weight.isMapped)
        #expect(Array(weight.buffer) == [1, 2, 3, 4, 5, 6])
        #expect(Array(weight.row(1).buffer) == [4, 5, 6])
        #expect(weight.row(1).isMapped)
    }

    @Test func misalignedFloat32IsCopiedWithTheSameValues() throws {
        let (weights, directory) = try file(shift: 2, [("w", "F32", [3], floatBytes([0.5, -1, 7]))])
        defer { directory.remove() }
        let weight = try weights.weight(named: "w")
        #expect(!weight.isMapped)
        #expect(Array(weight.buffer) == [0.5, -1, 7])
    }

    @Test func float16IsConverted() throws {
        let bits: [UInt16] = [0x3C00, 0xC000]
        let (weights, directory) = try file(shift: 0, [("h", "F16", [2], bits.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) })])
        defer { directory.remove() }
        let weight = try weights.weight(named: "h")
        #expect(!weight.isMapped)
        #expect(Array(weight.buffer) == [1, -2])
    }

    @Test func aMappedWeightOutlivesItsFileObject() throws {
        let directory: TemporaryDirectory
        let weight: Weight
        do {
            let (weights, made) = try file(shift: 0, [("w", "F32", [4], floatBytes([9, 8, 7, 6]))])
            directory = made
            weight = try weights.weight(named: "w")
        }
        defer { directory.remove() }
        #expect(Array(weight.buffer) == [9, 8, 7, 6])
    }

    @Test func wrongShapesAndMissingNamesAreErrors() throws {
        let (weights, directory) = try file(shift: 0, [("w", "F32", [2], floatBytes([1, 2]))])
        defer { directory.remove() }
        #expect(throws: InferenceError.self) { _ = try weights.weight(named: "w", expectedShape: [3]) }
        #expect(throws: InferenceError.self) { _ = try weights.weight(named: "v") }
    }
}
