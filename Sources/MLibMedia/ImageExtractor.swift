import MLibCore

/// Reads an image's pixel size from its headers and its text evidence from EXIF,
/// XMP (embedded and sidecar `.xmp`) and IPTC-IIM; pixels are never decoded.
///
/// A file whose headers parse but whose data ends early, or that breaks its own
/// format, throws `.truncated` or `.corrupt` so the user learns it is damaged.
enum ImageExtractor {
    /// Files larger than this are read for their head only: metadata lives there,
    /// but truncation past it goes unnoticed.
    static let readLimit = 64 << 20
    static let sidecarLimit = 4 << 20

    /// Descriptions cameras write by default, which describe nothing.
    private static let placeholderDescriptions: Set<String> = [
        "OLYMPUS DIGITAL CAMERA", "SONY DSC", "DIGITAL CAMERA", "MINOLTA DIGITAL CAMERA",
        "KONICA MINOLTA DIGITAL CAMERA", "KODAK DIGITAL STILL CAMERA", "DCIM", "DEFAULT",
    ]

    static func extract(_ file: borrowing SourceFile, mime: String) throws(MediaError) -> Extraction {
        let head = try file.read(upTo: readLimit)
        let bytes = ImageBytes(head, isWholeFile: head.count >= file.size)
        guard let format = ImageContainer.format(of: bytes) else {
            throw MediaError(
                .unsupported, path: file.path,
                detail: "unsupported image format (\(mime)); mlib reads JPEG, PNG, GIF, WebP, TIFF, BMP and HEIC")
        }
        let container: ImageContainer
        do {
            container = try ImageContainer.parse(bytes, as: format)
        } catch {
            throw MediaError(error.code, path: file.path, detail: error.detail)
        }
        let exif: ExifFields
        if format == .tiff {
            exif = ExifFields(tiffFile: bytes)
        } else {
            exif = container.exif.map { ExifFields(tiff: $0) } ?? ExifFields()
        }
        var xmp = container.xmp.map { XMPFields(packet: $0) } ?? XMPFields()
        if let sidecar = sidecarXMP(for: file.path) {
            xmp = xmp.overlaid(with: sidecar)
        }
        var iptc = container.photoshop.map { IPTCFields(photoshopResources: $0) } ?? IPTCFields()
        if iptc.isEmpty, let records = container.iptc {
            iptc = IPTCFields(records: records)
        }
        if format == .heif, container.width == nil, exif == ExifFields(), xmp.isEmpty {
            throw MediaError(
                .unsupported, path: file.path,
                detail: "HEIF image with no size or metadata mlib can read; this FFmpeg cannot decode HEIC either")
        }
        let title = xmp.title ?? iptc.title
        return Extraction(
            kind: .image, mime: mime, title: title,
            metadata: metadata(container, exif: exif, xmp: xmp, iptc: iptc),
            segments: segments(title: title, exif: exif, xmp: xmp, iptc: iptc))
    }

    /// `NAME.xmp`, else `NAME.EXT.xmp`, next to the image; `nil` if neither is there.
    static func sidecarXMP(for path: RawPath) -> XMPFields? {
        let candidates = [
            path.replacingExtension(with: "xmp"), path.replacingExtension(with: "XMP"),
            path.parent.appending(component: path.lastComponent + Array(".xmp".utf8)),
        ]
        for candidate in candidates where candidate != path {
            guard let sidecar = try? SourceFile(path: candidate),
                let packet = try? sidecar.read(upTo: sidecarLimit)
            else { continue }
            return XMPFields(packet: packet)
        }
        return nil
    }

    private static func metadata(
        _ container: ImageContainer, exif: ExifFields, xmp: XMPFields, iptc: IPTCFields
    ) -> [String: JSONValue] {
        var metadata: [String: JSONValue] = [:]
        if let width = container.width, let height = container.height {
            metadata["width"] = .number(Double(width))
            metadata["height"] = .number(Double(height))
        }
        let strings: [(String, String?)] = [
            ("date_taken", exif.dateTaken), ("camera_make", exif.make), ("camera_model", exif.model),
            ("description", exif.description), ("user_comment", exif.userComment),
            ("artist", exif.artist), ("copyright", exif.copyright),
        ]
        for case (let key, let value?) in strings {
            metadata[key] = .string(value)
        }
        if let orientation = exif.orientation {
            metadata["orientation"] = .number(Double(orientation))
        }
        if let latitude = exif.latitude, let longitude = exif.longitude {
            var gps: [String: JSONValue] = ["latitude": .number(latitude), "longitude": .number(longitude)]
            if let altitude = exif.altitude { gps["altitude"] = .number(altitude) }
            metadata["gps"] = .object(gps)
        }
        metadata["xmp"] = xmp.json
        metadata["iptc"] = iptc.json
        return metadata
    }

    private static func segments(title: String?, exif: ExifFields, xmp: XMPFields, iptc: IPTCFields) -> [SegmentDraft] {
        var segments: [SegmentDraft] = []
        if let title {
            segments.append(SegmentDraft(field: .title, text: title))
        }
        let imageDescription = exif.description.flatMap {
            placeholderDescriptions.contains($0.uppercased()) ? nil : $0
        }
        var bodies: [String] = []
        for case let text? in [xmp.description, iptc.caption, imageDescription, exif.userComment]
        where !bodies.contains(text) {
            bodies.append(text)
        }
        segments += bodies.map { SegmentDraft(field: .body, text: $0) }
        var keywords: [String] = []
        for keyword in xmp.subject + iptc.keywords where !keywords.contains(keyword) {
            keywords.append(keyword)
        }
        if !keywords.isEmpty {
            segments.append(SegmentDraft(field: .keywords, text: keywords.joined(separator: ", ")))
        }
        if let camera = camera(make: exif.make, model: exif.model) {
            segments.append(SegmentDraft(field: .metadata, text: camera))
        }
        for case let text? in [exif.artist, exif.copyright] {
            segments.append(SegmentDraft(field: .metadata, text: text))
        }
        return segments
    }

    /// `Canon` + `Canon EOS R6` → `Canon EOS R6`; `NIKON CORPORATION` + `NIKON Z 6` stays both.
    static func camera(make: String?, model: String?) -> String? {
        switch (make, model) {
        case (let make?, let model?):
            return model.lowercased().hasPrefix(make.lowercased()) ? model : "\(make) \(model)"
        case (let make?, nil): return make
        case (nil, let model?): return model
        case (nil, nil): return nil
        }
    }
}
