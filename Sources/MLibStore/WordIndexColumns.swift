import MLibCore

/// The text an item contributes to each column of the word index, built from its
/// segments the same way on every write and delete.
///
/// The word index keeps no copy of the text (FTS5 `content=''`): the segments hold
/// it once. Removing an item's row from such an index needs the exact values that
/// were inserted, so both paths go through this one function.
struct WordIndexColumns: Equatable {
    /// Title, body, keywords, subtitle, name, metadata, ocr, colour: the order of `item_fts`.
    static let fields: [EvidenceField] = [.title, .body, .keywords, .subtitle, .name, .metadata, .ocr, .colour]

    /// The columns as SQL lists them.
    static let columnList = fields.map(\.rawValue).joined(separator: ", ")

    private var texts: [EvidenceField: [String]] = [:]

    init<S: Sequence>(_ segments: S) where S.Element == (field: EvidenceField, modality: Modality, text: String) {
        for segment in segments where segment.modality == .text && !segment.text.isEmpty && Self.fields.contains(segment.field) {
            texts[segment.field, default: []].append(segment.text)
        }
    }

    /// Whether the item has any text for the index (an item without is not in it).
    var isEmpty: Bool { texts.isEmpty }

    /// The columns' values in `fields` order.
    var values: [String] {
        Self.fields.map { texts[$0]?.joined(separator: "\n") ?? "" }
    }

    /// The text of one field, nil when it has none.
    func text(of field: EvidenceField) -> String? {
        texts[field]?.joined(separator: "\n")
    }
}
