import CLibExif

/// The one place mlib calls libexif: loads an EXIF TIFF structure and copies out
/// the entries mlib reads, so nothing outside holds a libexif pointer.
///
/// Each call owns its own `ExifData` and frees it before returning; libexif's log
/// is replaced with one that drops messages, so damaged EXIF never writes to stderr.
enum ExifReader {
    /// Names an entry: which directory it is in and its tag number.
    struct Key: Hashable {
        enum Directory: Int {
            case image = 0, exif = 2, gps = 3
        }
        var directory: Directory
        var tag: Int
    }

    /// An entry's raw value, as its bytes in the EXIF's byte order.
    struct Entry {
        var format: Int
        var components: Int
        var bytes: [UInt8]
    }

    /// The entries found, and the byte order their numbers are in.
    struct Snapshot {
        var bigEndian: Bool
        var entries: [Key: Entry]
    }

    /// Loads `tiff` (starting at its `II`/`MM` mark) and copies out the entries in
    /// `wanted`; `nil` if libexif finds no EXIF there.
    static func snapshot(of tiff: ArraySlice<UInt8>, wanted: [Key]) -> Snapshot? {
        guard tiff.count >= 8, tiff.count < Int(UInt32.max) - 6 else { return nil }
        // libexif finds EXIF by its APP1 header, so give it one.
        var blob = Array("Exif\0\0".utf8)
        blob.append(contentsOf: tiff)
        guard let data = exif_data_new() else { return nil }
        defer { exif_data_unref(data) }
        if let log = exif_log_new() {
            exif_log_set_func(log, { _, _, _, _, _, _ in }, nil)
            exif_data_log(data, log)
            exif_log_unref(log)  // data keeps its own reference
        }
        // Keep tags libexif does not name (OffsetTimeOriginal in older builds) and
        // do not let it invent "mandatory" entries with default values.
        exif_data_unset_option(data, EXIF_DATA_OPTION_IGNORE_UNKNOWN_TAGS)
        exif_data_unset_option(data, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION)
        exif_data_set_option(data, EXIF_DATA_OPTION_DONT_CHANGE_MAKER_NOTE)
        blob.withUnsafeBufferPointer { buffer in
            exif_data_load_data(data, buffer.baseAddress, UInt32(buffer.count))
        }
        var entries: [Key: Entry] = [:]
        for key in wanted {
            // By directory, not through exif_data_get_entry: GPS tag numbers reuse
            // those of other directories (GPSLatitudeRef is 1, like InteropIndex).
            guard let content = content(data, key.directory),
                let entry = exif_content_get_entry(content, ExifTag(UInt32(key.tag))),
                let pointer = entry.pointee.data
            else { continue }
            let bytes = Array(UnsafeBufferPointer(start: pointer, count: Int(entry.pointee.size)))
            entries[key] = Entry(
                format: Int(entry.pointee.format.rawValue), components: Int(entry.pointee.components), bytes: bytes)
        }
        let bigEndian = exif_data_get_byte_order(data) == EXIF_BYTE_ORDER_MOTOROLA
        let found = (0..<Int(EXIF_IFD_COUNT.rawValue)).contains { index in
            ifdContent(data, index).map { $0.pointee.count > 0 } ?? false
        }
        return found ? Snapshot(bigEndian: bigEndian, entries: entries) : nil
    }

    private static func content(_ data: UnsafeMutablePointer<ExifData>, _ directory: Key.Directory)
        -> UnsafeMutablePointer<ExifContent>?
    {
        ifdContent(data, directory.rawValue)
    }

    private static func ifdContent(_ data: UnsafeMutablePointer<ExifData>, _ index: Int)
        -> UnsafeMutablePointer<ExifContent>?
    {
        let ifd = data.pointee.ifd
        switch index {
        case 0: return ifd.0
        case 1: return ifd.1
        case 2: return ifd.2
        case 3: return ifd.3
        case 4: return ifd.4
        default: return nil
        }
    }
}
