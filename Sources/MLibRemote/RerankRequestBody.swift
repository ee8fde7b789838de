import Foundation

/// The JSON posted to `/v1/rerank`.
///
/// Text goes as plain strings when every document is text (what every text reranker
/// accepts); a request with pictures uses the multimodal shape vLLM and Jina accept,
/// `{"text": …}` and `{"image": "data:image/jpeg;base64,…"}` objects.
struct RerankRequestBody: Encodable {
    var model: String?
    var query: String
    var documents: [WireDocument]
    var topN: Int
    var returnDocuments = false

    enum CodingKeys: String, CodingKey {
        case model, query, documents
        case topN = "top_n"
        case returnDocuments = "return_documents"
    }

    init(model: String?, query: String, documents: [RemoteDocument], topN: Int) {
        self.model = model
        self.query = query
        self.topN = topN
        let allText = documents.allSatisfy { if case .text = $0 { true } else { false } }
        self.documents = documents.map { document in
            switch document {
            case .text(let text): allText ? .plain(text) : .text(text)
            case .image(let jpeg): .image(dataURL: "data:image/jpeg;base64," + jpeg.base64EncodedString())
            }
        }
    }

    /// One document as it is written on the wire.
    enum WireDocument: Encodable {
        case plain(String)
        case text(String)
        case image(dataURL: String)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .plain(let text):
                var container = encoder.singleValueContainer()
                try container.encode(text)
            case .text(let text):
                try ["text": text].encode(to: encoder)
            case .image(let dataURL):
                try ["image": dataURL].encode(to: encoder)
            }
        }
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
