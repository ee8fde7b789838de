import MLibCore

/// Tells a cut-short MP4 or MOV from a damaged one.
///
/// FFmpeg reports both as "Invalid data found when processing input". Walking the
/// top-level boxes tells them apart: a box that runs past the end of the file, or a
/// missing `moov` box (the sample index, written last by most recorders), means the
/// file was cut short, and copying it again may help; anything else is corrupt.
enum VideoTruncation {
    /// Box types that may stand at the top level of an ISO or QuickTime file.
    private static let topLevelTypes: Set<String> = [
        "ftyp", "moov", "mdat", "free", "skip", "wide", "uuid", "pnot", "moof", "mfra", "meta", "styp", "sidx",
        "pdin", "udta", "prft", "emsg",
    ]
    private static let boxLimit = 100_000

    /// A `.truncated` error when `file` is an ISO/QuickTime file cut short; nil when it is not one.
    static func check(_ file: borrowing SourceFile) -> MediaError? {
        var offset = 0
        var boxes = 0
        var sawIndex = false
        while offset < file.size, boxes < boxLimit {
            guard let header = try? file.read(at: offset, count: 16) else { return nil }
            if header.count < 8 {
                return boxes == 0 ? nil : cut(file.path, "ends inside a box header at byte \(offset)")
            }
            let type = String(decoding: header[4..<8], as: UTF8.self)
            guard topLevelTypes.contains(type) else { return nil }
            var size = UInt64(bigEndian: header[0..<4])
            if size == 1 {
                guard header.count == 16 else { return cut(file.path, "ends inside its '\(type)' box header") }
                size = UInt64(bigEndian: header[8..<16])
            } else if size == 0 {
                size = UInt64(file.size - offset)  // the box runs to the end of the file
            }
            guard size >= 8 else { return nil }
            let remaining = UInt64(file.size - offset)
            if size > remaining {
                return cut(file.path, "ends inside its '\(type)' box (\(remaining) of \(size) bytes present)")
            }
            if type == "moov" || type == "moof" { sawIndex = true }
            offset += Int(size)
            boxes += 1
        }
        if boxes > 0 && !sawIndex {
            return cut(file.path, "has no 'moov' box (its sample index); the recording or copy never finished")
        }
        return nil
    }

    /// The error for an MP4 that opens but whose sample index points `indexEnd` bytes in.
    static func indexPastEnd(_ path: RawPath, indexEnd: Int64, fileSize: Int) -> MediaError {
        cut(path, "has \(fileSize) bytes but its index lists samples up to byte \(indexEnd)")
    }

    private static func cut(_ path: RawPath, _ what: String) -> MediaError {
        MediaError(.truncated, path: path, detail: "video is cut short: the file \(what); copy or download it again")
    }
}

extension UInt64 {
    /// The big-endian number in `bytes` (at most 8 of them).
    fileprivate init(bigEndian bytes: ArraySlice<UInt8>) {
        self = bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
