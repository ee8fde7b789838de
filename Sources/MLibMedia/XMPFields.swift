import MLibCore

/// The Dublin Core values mlib reads from an XMP packet: title, description and
/// subject keywords.
///
/// Language alternatives give their `x-default` entry (else the first); both the
/// element form (`<dc:title><rdf:Alt>…`) and the attribute form (`dc:title="…"`)
/// are read.
struct XMPFields: Equatable {
    var title: String?
    var description: String?
    var subject: [String] = []

    var isEmpty: Bool { title == nil && description == nil && subject.isEmpty }

    init(title: String? = nil, description: String? = nil, subject: [String] = []) {
        self.title = title
        self.description = description
        self.subject = subject
    }

    /// Parses an XMP packet (UTF-8 XML); what was read before any damage is kept.
    init<C: Collection<UInt8>>(packet: C) {
        var collector = XMPCollector()
        XMPScanner.scan(packet) { collector.handle($0) }
        self = collector.fields
    }

    /// These fields with `other`'s laid over them: its title and description win,
    /// its keywords are added after ours.
    func overlaid(with other: XMPFields) -> XMPFields {
        var merged = self
        merged.title = other.title ?? title
        merged.description = other.description ?? description
        for keyword in other.subject where !merged.subject.contains(keyword) {
            merged.subject.append(keyword)
        }
        return merged
    }

    /// The `xmp` metadata object, with only the members that have values.
    var json: JSONValue? {
        var object: [String: JSONValue] = [:]
        if let title { object["title"] = .string(title) }
        if let description { object["description"] = .string(description) }
        if !subject.isEmpty { object["subject"] = .array(subject.map(JSONValue.string)) }
        return object.isEmpty ? nil : .object(object)
    }
}
