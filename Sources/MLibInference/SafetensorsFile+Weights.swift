/// Weights for the encoders, used in place where the file allows it.
extension SafetensorsFile {
    /// Tensor `name` as a `Weight`: F32 data straight from the mapping when it is
    /// 4-byte aligned on a little-endian machine, otherwise converted into a copy.
    ///
    /// The weight keeps this file, and so its mapping, alive. With `expectedShape`, a
    /// tensor of any other shape is an error naming both shapes.
    func weight(named name: String, expectedShape: [Int]? = nil) throws(InferenceError) -> Weight {
        let info = try checkedInfo(named: name, expectedShape: expectedShape)
        #if _endian(little)
        let source = mapping + dataStart + info.byteRange.lowerBound
        if info.dtype == "F32", Int(bitPattern: source) % MemoryLayout<Float>.alignment == 0 {
            let count = Tensor.elementCount(info.shape)
            let elements = source.bindMemory(to: Float.self, capacity: count)
            return Weight(shape: info.shape, buffer: UnsafeBufferPointer(start: elements, count: count), owner: self)
        }
        #endif
        return Weight(try tensor(named: name, expectedShape: expectedShape))
    }
}
