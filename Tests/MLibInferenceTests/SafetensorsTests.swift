import Foundation
import Testing
import MLibTestSupport
@testable import MLibInference

/// Builds a small safetensors file byte by byte (shared with the BERT tests): `entries` are (name, dtype, shape,
/// raw little-endian data), laid out one after another.
func safetensorsBytes(_ entries: [(String, String, [Int], [UInt8])], header override: String? = nil) -> [UInt8] {
    var offset = 0
    var fields: [String] = [#""__metadata__":{"format":"pt"}"#]
    var data: [UInt8] = []
    for (name, dtype, shape, bytes) in entries {
        let shapeText = shape.map(String.init).joined(separator: ",")
        fields.append(#""\#(name)":{"dtype":"\#(dtype)","shape":[\#(shapeText)],"data_offsets":[\#(offset),\#(offset + bytes.count)]}"#)
        offset += bytes.count
        data += bytes
    }
    let header = Array((override ?? "{" + fields.joined(separator: ",") + "}").utf8)
    return withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header + data
}

func floatBytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
}

private func halfBytes(_ values: [UInt16]) -> [UInt8] {
    values.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }
}

/// Writes `bytes` to a fresh temporary file and opens it.
private func open(_ bytes: [UInt8]) throws -> (SafetensorsFile, TemporaryDirectory) {
    let directory = try TemporaryDirectory()
    let path = directory.path("model.safetensors")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return (try SafetensorsFile(path: path), directory)
}

struct SafetensorsTests {
    @Test func readsFloat32AndListsTensors() throws {
        let (file, directory) = try open(safetensorsBytes([
            ("b.bias", "F32", [3], floatBytes([0.5, -1, 2])),
            ("a.weight", "F32", [2, 2], floatBytes([1, 2, 3, 4])),
        ]))
        defer { directory.remove() }
        #expect(file.tensorNames == ["a.weight", "b.bias"])
        #expect(file.info(named: "a.weight")?.shape == [2, 2])
        #expect(file.info(named: "a.weight")?.dtype == "F32")
        #expect(file.metadata == ["format": "pt"])
        let weight = try file.tensor(named: "a.weight", expectedShape: [2, 2])
        #expect(weight.shape == [2, 2])
        #expect(weight.storage == [1, 2, 3, 4])
        #expect(try file.tensor(named: "b.bias").storage == [0.5, -1, 2])
    }

    @Test func convertsFloat16IncludingSubnormalsAndInfinity() throws {
        // 1, -2, 0.5, 65504 (largest), 2⁻²⁴ (smallest subnormal), -0, +∞
        let bits: [UInt16] = [0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x8000, 0x7C00]
        let (file, directory) = try open(safetensorsBytes([("h", "F16", [7], halfBytes(bits))]))
        defer { directory.remove() }
        let values = try file.tensor(named: "h").storage
        #expect(values == [1, -2, 0.5, 65504, 0x1p-24, 0, .infinity])
        #expect(values[5].sign == .minus)
    }

    @Test func convertsBFloat16() throws {
        let bits: [UInt16] = [0x3F80, 0xC020, 0x4049]
        let (file, directory) = try open(safetensorsBytes([("b", "BF16", [1, 3], halfBytes(bits))]))
        defer { directory.remove() }
        #expect(try file.tensor(named: "b").storage == [1, -2.5, 3.140625])
    }

    @Test func missingFileSaysSo() {
        let error = #expect(throws: InferenceError.self) { _ = try SafetensorsFile(path: "/nonexistent/model.safetensors") }
        #expect(error?.code == .missingFile)
        #expect(error?.path == "/nonexistent/model.safetensors")
    }

    @Test func missingTensorNamesItAndTheClosestName() throws {
        let (file, directory) = try open(safetensorsBytes([("encoder.layer.0.query.weight", "F32", [1], floatBytes([1]))]))
        defer { directory.remove() }
        let error = #expect(throws: InferenceError.self) { _ = try file.tensor(named: "encoder.layer.0.key.weight") }
        #expect(error?.code == .missingTensor)
        #expect(error?.message.contains("'encoder.layer.0.key.weight'") == true)
        #expect(error?.message.contains("closest is 'encoder.layer.0.query.weight'") == true)
    }

    @Test func wrongShapeGivesBothShapes() throws {
        let (file, directory) = try open(safetensorsBytes([("w", "F32", [2, 3], floatBytes([1, 2, 3, 4, 5, 6]))]))
        defer { directory.remove() }
        let error = #expect(throws: InferenceError.self) { _ = try file.tensor(named: "w", expectedShape: [3, 2]) }
        #expect(error?.code == .wrongShape)
        #expect(error?.message.contains("[2, 3]") == true)
        #expect(error?.message.contains("[3, 2]") == true)
    }

    @Test func unsupportedDtypeIsRefusedOnlyWhenLoaded() throws {
        let (file, directory) = try open(safetensorsBytes([
            ("ids", "I64", [1], [1, 0, 0, 0, 0, 0, 0, 0]),
            ("w", "F32", [1], floatBytes([7])),
        ]))
        defer { directory.remove() }
        #expect(try file.tensor(named: "w").storage == [7])
        let error = #expect(throws: InferenceError.self) { _ = try file.tensor(named: "ids") }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("I64") == true)
    }

    @Test func dataCutShortIsTruncated() throws {
        let whole = safetensorsBytes([("w", "F32", [4], floatBytes([1, 2, 3, 4]))])
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("cut.safetensors")
        try Data(whole.dropLast(5)).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: InferenceError.self) { _ = try SafetensorsFile(path: path) }
        #expect(error?.code == .truncated)
        #expect(error?.message.contains("'w'") == true)
    }

    @Test func headerLongerThanFileIsTruncated() throws {
        let whole = safetensorsBytes([("w", "F32", [1], floatBytes([1]))])
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for (name, bytes) in [("short", Array(whole.prefix(20))), ("tiny", Array(whole.prefix(5)))] {
            let path = directory.path(name)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: InferenceError.self) { _ = try SafetensorsFile(path: path) }
            #expect(error?.code == .truncated, "\(name)")
        }
    }

    @Test func badHeadersAreMalformed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let headers = [
            "{not json",
            "[1, 2]",
            #"{"w":{"dtype":"F32","shape":[2]}}"#,
            #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#,
        ]
        for (index, header) in headers.enumerated() {
            let path = directory.path("bad\(index).safetensors")
            try Data(safetensorsBytes([("w", "F32", [2], floatBytes([1, 2]))], header: header)).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: InferenceError.self) { _ = try SafetensorsFile(path: path) }
            #expect(error?.code == .malformed, "header \(header)")
        }
    }
}
