import Foundation

/// A `.safetensors` weights file, memory-mapped read-only.
///
/// The format is an 8-byte little-endian header length, a JSON header mapping each
/// tensor name to `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets into the
/// data that follows the header), and the raw little-endian data. The header is parsed
/// and every tensor's byte range checked against the file size when the file opens;
/// data is only read when asked for: `tensor(named:)` copies it into a `Tensor`,
/// `weight(named:)` uses F32 data in place (see `SafetensorsFile+Weights.swift`).
///
/// Thread safety: the mapping is `PROT_READ` and private, and nothing about the
/// object changes after `init`, so any number of threads may read it at once; the
/// mapping is released in `deinit`, when no reader can hold the object any more.
public final class SafetensorsFile: @unchecked Sendable {
    /// What the header says about one tensor.
    public struct TensorInfo: Sendable, Hashable {
        /// The tensor's name, for example `encoder.layer.0.attention.self.query.weight`.
        public let name: String
        /// The element type as the header spells it: `F32`, `F16`, `BF16`, `I64`, ….
        public let dtype: String
        /// The size of each axis.
        public let shape: [Int]
        /// The bytes of the tensor, relative to the start of the data section.
        let byteRange: Range<Int>
    }

    /// The file's path, as given.
    public let path: String
    /// The free-form `__metadata__` strings of the header (often `{"format": "pt"}`).
    public let metadata: [String: String]
    private let infos: [String: TensorInfo]
    /// The first byte of the mapping, which lives as long as `self`.
    let mapping: UnsafeRawPointer
    private let mappedLength: Int
    /// Where the data section starts in the mapping.
    let dataStart: Int

    /// Opens and maps `path`, parses its header and checks every tensor's bytes are in the file.
    public init(path: String) throws(InferenceError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw InferenceError(.missingFile, path: path, message: "cannot open the weights file (\(reason)); put the model's model.safetensors there or fetch the model again")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw InferenceError(.missingFile, path: path, message: "cannot read the weights file (\(String(cString: strerror(errno))))")
        }
        let length = Int(status.st_size)
        guard length >= 8 else {
            throw InferenceError(.truncated, path: path, message: "the weights file is \(length) bytes, too short for a safetensors header; fetch the model again")
        }
        guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw InferenceError(.malformed, path: path, message: "cannot memory-map the weights file (\(String(cString: strerror(errno))))")
        }
        let base = UnsafeRawPointer(mapped)
        do {
            let parsed = try Self.parseHeader(base: base, length: length, path: path)
            self.mapping = base
            self.mappedLength = length
            self.dataStart = parsed.dataStart
            self.infos = parsed.infos
            self.metadata = parsed.metadata
        } catch {
            munmap(mapped, length)
            throw error
        }
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: mapping), mappedLength)
    }

    /// The names of all tensors in the file, sorted.
    public var tensorNames: [String] {
        infos.keys.sorted()
    }

    /// What the header says about tensor `name`, or nil if there is none.
    public func info(named name: String) -> TensorInfo? {
        infos[name]
    }

    /// Whether the file holds a tensor called `name`.
    public func contains(_ name: String) -> Bool {
        infos[name] != nil
    }

    /// Tensor `name` as float32, converted from F32, F16 or BF16.
    ///
    /// With `expectedShape`, a tensor of any other shape is an error naming both shapes.
    public func tensor(named name: String, expectedShape: [Int]? = nil) throws(InferenceError) -> Tensor {
        let info = try checkedInfo(named: name, expectedShape: expectedShape)
        let count = Tensor.elementCount(info.shape)
        let source = mapping + dataStart + info.byteRange.lowerBound
        switch info.dtype {
        case "F32":
            return Tensor(shape: info.shape) { buffer in
                // The data section need not be 4-byte aligned, so copy bytes rather than bind.
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(start: source, count: count * 4))
                #if _endian(big)
                for i in buffer.indices { buffer[i] = Float(bitPattern: UInt32(littleEndian: buffer[i].bitPattern)) }
                #endif
            }
        case "F16":
            return Tensor(shape: info.shape) { buffer in
                for i in 0..<count {
                    buffer[i] = Self.floatFromHalf(UInt16(littleEndian: source.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self)))
                }
            }
        case "BF16":
            return Tensor(shape: info.shape) { buffer in
                for i in 0..<count {
                    let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))
                    buffer[i] = Float(bitPattern: UInt32(bits) << 16)
                }
            }
        default:
            throw InferenceError(.unsupported, path: path, message: "tensor '\(name)' is \(info.dtype); only F32, F16 and BF16 weights can be loaded")
        }
    }

    /// The header entry of tensor `name`, or an error naming the closest tensor when it
    /// is missing and both shapes when it is not `expectedShape`.
    func checkedInfo(named name: String, expectedShape: [Int]?) throws(InferenceError) -> TensorInfo {
        guard let info = infos[name] else {
            var message = "the weights have no tensor '\(name)'"
            if let near = closestName(to: name) {
                message += " (the closest is '\(near)')"
            }
            throw InferenceError(.missingTensor, path: path, message: message + "; this model's layout is not supported or the file is incomplete")
        }
        if let expectedShape, expectedShape != info.shape {
            throw InferenceError(.wrongShape, path: path, message: "tensor '\(name)' has shape \(info.shape), the configuration expects \(expectedShape); config.json and the weights do not match")
        }
        return info
    }

    /// IEEE binary16 bits to float32, subnormals, infinities and NaN included.
    static func floatFromHalf(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa · 2⁻²⁴, exact in float32.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
        }
    }

    /// The header's tensor whose name is nearest to `name` by edit distance.
    private func closestName(to name: String) -> String? {
        let target = Array(name.utf8)
        var best: (name: String, distance: Int)?
        for candidate in infos.keys {
            let distance = Self.editDistance(target, Array(candidate.utf8))
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.name) {
                best = (candidate, distance)
            }
        }
        guard let best, best.distance <= max(8, target.count / 2) else { return nil }
        return best.name
    }

    private static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = a[i - 1] == b[j - 1]
                    ? previous[j - 1]
                    : 1 + min(previous[j - 1], previous[j], current[j - 1])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    private struct ParsedHeader {
        var dataStart: Int
        var infos: [String: TensorInfo]
        var metadata: [String: String]
    }

    private static func parseHeader(base: UnsafeRawPointer, length: Int, path: String) throws(InferenceError) -> ParsedHeader {
        let headerLength = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
        guard headerLength <= UInt64(length - 8) else {
            throw InferenceError(.truncated, path: path, message: "the safetensors header claims \(headerLength) bytes but the file has only \(length); the file is truncated, fetch the model again")
        }
        let dataStart = 8 + Int(headerLength)
        let headerBytes = Data(bytes: base + 8, count: Int(headerLength))
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: headerBytes)
        } catch {
            throw InferenceError(.malformed, path: path, message: "the safetensors header is not valid JSON; the file is damaged, fetch the model again")
        }
        guard let entries = object as? [String: Any] else {
            throw InferenceError(.malformed, path: path, message: "the safetensors header is not a JSON object; the file is damaged")
        }
        let dataLength = length - dataStart
        var infos: [String: TensorInfo] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in entries {
            if name == "__metadata__" {
                for (key, item) in value as? [String: Any] ?? [:] {
                    if let text = item as? String { metadata[key] = text }
                }
                continue
            }
            guard let entry = value as? [String: Any],
                  let dtype = entry["dtype"] as? String,
                  let shapeValues = entry["shape"] as? [Any],
                  let offsetValues = entry["data_offsets"] as? [Any], offsetValues.count == 2,
                  let begin = integer(offsetValues[0]), let end = integer(offsetValues[1]), begin <= end
            else {
                throw InferenceError(.malformed, path: path, message: "the safetensors header entry for '\(name)' lacks a dtype, shape or data_offsets; the file is damaged")
            }
            let shape = shapeValues.compactMap(integer)
            guard shape.count == shapeValues.count, shape.allSatisfy({ $0 >= 0 }) else {
                throw InferenceError(.malformed, path: path, message: "tensor '\(name)' has an invalid shape in the safetensors header")
            }
            guard end <= dataLength else {
                throw InferenceError(.truncated, path: path, message: "tensor '\(name)' ends at byte \(end) of the data but the file holds only \(dataLength) data bytes; the file is truncated, fetch the model again")
            }
            if let width = elementWidth(dtype) {
                var bytes = width
                var overflow = false
                for size in shape where !overflow {
                    (bytes, overflow) = bytes.multipliedReportingOverflow(by: size)
                }
                guard !overflow, bytes == end - begin else {
                    throw InferenceError(.malformed, path: path, message: "tensor '\(name)' of shape \(shape) and type \(dtype) should take \(bytes) bytes, its offsets give \(end - begin)")
                }
            }
            infos[name] = TensorInfo(name: name, dtype: dtype, shape: shape, byteRange: begin..<end)
        }
        return ParsedHeader(dataStart: dataStart, infos: infos, metadata: metadata)
    }

    private static func integer(_ value: Any) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        guard double == double.rounded(), double >= 0, double < 0x1p62 else { return nil }
        return number.intValue
    }

    private static func elementWidth(_ dtype: String) -> Int? {
        switch dtype {
        case "F64", "I64", "U64": 8
        case "F32", "I32", "U32": 4
        case "F16", "BF16", "I16", "U16": 2
        case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2": 1
        default: nil
        }
    }
}
