/// Collects `dc:title`, `dc:description` and `dc:subject` while `XMPScanner` walks
/// an XMP packet.
///
/// Names are matched by namespace URI, not prefix, so `<d:title>` with
/// `xmlns:d="http://purl.org/dc/elements/1.1/"` counts too. Prefixes are resolved
/// here from the `xmlns` attributes, the same way on every platform.
struct XMPCollector {
    private static let dublinCore = "http://purl.org/dc/elements/1.1/"
    private static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    private static let properties: Set<String> = ["title", "description", "subject"]

    private(set) var fields = XMPFields()

    /// Prefix → namespace URI, one scope per open element.
    private var scopes: [[String: String]] = []
    /// The Dublin Core property being read, and the depth it opened at.
    private var property: (name: String, depth: Int)?
    private var propertyText = ""
    private var items: [(language: String?, text: String)] = []
    private var item: (language: String?, text: String)?

    mutating func handle(_ event: XMPScanner.Event) {
        switch event {
        case .start(let name, let attributes): start(name, attributes: attributes)
        case .end: end()
        case .text(let text): append(text)
        }
    }

    private mutating func start(_ elementName: String, attributes: [String: String]) {
        var scope: [String: String] = [:]
        for (name, value) in attributes {
            if name == "xmlns" {
                scope[""] = value
            } else if name.hasPrefix("xmlns:") {
                scope[String(name.dropFirst(6))] = value
            }
        }
        scopes.append(scope)
        let (namespace, local) = resolve(elementName)
        if let property {
            if namespace == Self.rdf, local == "li", property.depth + 2 == scopes.count {
                item = (attributes["xml:lang"], "")
            }
            return
        }
        if namespace == Self.dublinCore, Self.properties.contains(local) {
            property = (local, scopes.count)
            propertyText = ""
            items = []
            return
        }
        for (name, value) in attributes where !name.hasPrefix("xmlns") {
            let (attributeNamespace, attributeLocal) = resolve(name)
            if attributeNamespace == Self.dublinCore, Self.properties.contains(attributeLocal) {
                store(attributeLocal, values: [(nil, value)])
            }
        }
    }

    private mutating func end() {
        guard !scopes.isEmpty else { return }
        defer { scopes.removeLast() }
        guard let open = property else { return }
        if let current = item, open.depth + 2 == scopes.count {
            items.append(current)
            item = nil
        } else if open.depth == scopes.count {
            store(open.name, values: items.isEmpty ? [(nil, propertyText)] : items)
            property = nil
        }
    }

    private mutating func append(_ text: String) {
        if item != nil {
            item?.text += text
        } else if property != nil {
            propertyText += text
        }
    }

    /// `dc:title` → (namespace URI, `title`), looking the prefix up in open scopes.
    private func resolve(_ qualified: String) -> (String?, String) {
        let prefix: String
        let local: String
        if let colon = qualified.firstIndex(of: ":") {
            prefix = String(qualified[..<colon])
            local = String(qualified[qualified.index(after: colon)...])
        } else {
            prefix = ""
            local = qualified
        }
        for scope in scopes.reversed() {
            if let namespace = scope[prefix] { return (namespace, local) }
        }
        return (nil, local)
    }

    private mutating func store(_ name: String, values: [(language: String?, text: String)]) {
        let cleaned = values.compactMap { value in
            ExifFields.trimmed(value.text).map { (language: value.language, text: $0) }
        }
        guard !cleaned.isEmpty else { return }
        switch name {
        case "subject":
            for value in cleaned where !fields.subject.contains(value.text) {
                fields.subject.append(value.text)
            }
        default:
            let chosen = (cleaned.first { $0.language?.lowercased() == "x-default" } ?? cleaned[0]).text
            if name == "title", fields.title == nil { fields.title = chosen }
            if name == "description", fields.description == nil { fields.description = chosen }
        }
    }
}
