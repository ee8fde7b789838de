public import MLibCore

extension FrameSampler {
    /// How far apart two timestamps may be and still name the same frame, in seconds.
    public static let sameFrame = 0.002

    /// Samples `path` again and hands `body` the frame at each wanted time, with its key:
    /// how a picture model finds again, by timestamp, the frames an earlier reading at
    /// the same rate and budget sampled. A time no frame answers is passed over; the
    /// reading stops once every wanted time is behind it.
    public func revisit<Key>(
        _ path: RawPath, at wanted: [(key: Key, time: Double)], _ body: (Key, RGBImage) throws -> Void
    ) throws {
        var due = wanted.sorted { $0.time < $1.time }
        guard !due.isEmpty else { return }
        var frames = try frames(path)
        while !due.isEmpty, let frame = try frames.next() {
            due.removeAll { $0.time < frame.time - Self.sameFrame }
            while let next = due.first, abs(next.time - frame.time) <= Self.sameFrame {
                try body(next.key, frame.image)
                due.removeFirst()
            }
        }
    }
}
