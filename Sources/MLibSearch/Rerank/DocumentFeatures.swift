public import MLibCore

/// The features `RerankModel.documents` weighs for a document a caller brought rather
/// than one recall found: how its text holds the query's words (`coverage`, `phrase`,
/// `quoted`), how close its best passage comes in meaning (`meaning`), and how close
/// its picture or best window of frames comes (`picture`).
///
/// Words are matched as the search rerank matches them, and similarities are mapped
/// onto the same scales, so the fitted weights mean the same here.
///
/// ```swift
/// let query = DocumentQuery("the ferry leaving the harbour")
/// let features = DocumentFeatures.features(
///     query: query, kind: .text, fields: [.body: "The ferry left the harbour at dawn."], meaning: 0.71, picture: nil)
/// let probability = RerankModel.documents.probability(features)
/// ```
public enum DocumentFeatures {
    /// How a cosine similarity maps onto a feature: 0 at `floor`, 1 at `sure`, at
    /// most 1.5 (as the search rerank maps a channel's similarities).
    public struct Scale: Sendable, Hashable {
        public var floor: Double
        public var sure: Double

        public init(floor: Double, sure: Double) {
            self.floor = floor
            self.sure = sure
        }

        /// The scale of a recall channel: its floor and its sure similarity.
        public init(_ channel: VectorChannel) {
            self.init(floor: Double(channel.floor), sure: Double(channel.sure))
        }

        /// A sentence model's query against passages (`meaning`).
        public static let meaning = Scale(floor: Double(VectorChannel.textFloor), sure: Double(VectorChannel.sureSimilarity))
        /// A CLIP text tower's query against pictures (`picture`).
        public static let textToPicture = Scale(floor: Double(VectorChannel.pictureFloor), sure: Double(VectorChannel.pictureSure))

        /// `similarity` on this scale, 0...1.5.
        public func strength(_ similarity: Double) -> Double {
            guard similarity.isFinite else { return 0 }
            return min(1.5, max(0, (similarity - floor) / max(sure - floor, 0.01)))
        }
    }

    /// The features of one document.
    ///
    /// - Parameters:
    ///   - fields: the document's text by where it came from (a caller's text is
    ///     `body`; a file adds its title, OCR, subtitles, name…); `picture` is ignored.
    ///   - meaning: the best cosine similarity of the document's passages to the query
    ///     under the sentence model, nil when no model judged meaning.
    ///   - picture: the similarity of its picture (or its best window of frames,
    ///     `FrameWindow.best`) to the query, on `pictureScale`; nil when none was judged.
    public static func features(
        query: DocumentQuery, kind: ItemKind, fields: [EvidenceField: String], meaning: Double?, picture: Double?,
        pictureScale: Scale = .textToPicture
    ) -> RerankFeatures {
        var features = RerankFeatures()
        let coverage = query.lexical.coverage(of: fields)
        features[.coverage] = coverage.all
        features[.phrase] = coverage.phrase ? 1 : 0
        if let meaning { features[.meaning] = Scale.meaning.strength(meaning) }
        if let picture { features[.picture] = pictureScale.strength(picture) }
        let text = EvidenceField.allCases.compactMap { $0 == .picture ? nil : fields[$0] }.joined(separator: "\n")
        features[.quoted] = HintAgreement.of(hints: query.hints, kind: kind, metadata: [:], text: text, fileModified: nil).phrase ?? 0
        return features
    }
}
