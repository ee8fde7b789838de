import Foundation
import MLibCore
public import MLibStore

/// The second stage of search: judges each candidate recall found by everything it
/// has — its words, its passages' meaning, its picture or best window of frames, how it
/// agrees with the query's hints, and a text judge's reading when there is one — and
/// gives it the probability that it is what the query asked for.
///
/// The probability comes from a logistic model fitted on labelled queries
/// (`RerankModel`), so a score means the same on any query: 0.9 is right about nine
/// times in ten, and a query with no answer gets low scores throughout.
public struct Reranker: Sendable {
    public var full: RerankModel
    public var words: RerankModel
    /// A text cross-encoder that reads the query with each of the best candidates' best passage.
    public var judge: (any PassageJudge)?
    /// How many of the best candidates the judge reads.
    public var judgeDepth: Int
    /// The judge's share of the final log-odds. Not fitted: no real cross-encoder can be
    /// fetched where the model is fitted, so its logits are trusted as log-odds and
    /// blended in at this share.
    public static let judgeShare = 0.4

    /// - Parameter judgeDepth: a MiniLM-L6 cross-encoder reads ten passages in about
    ///   0.3 s on one core; every passage more costs about as much again.
    public init(full: RerankModel = .full, words: RerankModel = .words, judge: (any PassageJudge)? = nil, judgeDepth: Int = 10) {
        self.full = full
        self.words = words
        self.judge = judge
        self.judgeDepth = max(0, judgeDepth)
    }

    /// The candidates (in fusion order) scored and ordered by probability of relevance.
    public func rerank(
        _ candidates: [Candidate], channels: [any RecallChannel], query: RecallQuery, reader: LibraryReader
    ) throws -> [Candidate] {
        guard !candidates.isEmpty else { return [] }
        let ids = candidates.map(\.itemID)
        let hints = query.hints
        let items = try reader.summaries(ids: ids, metadata: hints.dates != nil || !hints.cameras.isEmpty)
        let texts = try reader.evidenceText(itemIDs: ids)
        let vectorChannels = channels.compactMap { $0 as? VectorChannel }
        let textChannel = vectorChannels.first { $0.space == .text }
        let pictureChannel = vectorChannels.first { $0.space == .picture }
        let videos = ids.filter { items[$0]?.kind == .video }
        let timed = try reader.timedSegments(itemIDs: videos)
        let scores = PassageScores(text: textChannel, picture: pictureChannel, items: Set(ids))
        let lexical = LexicalMatch(query.analyzed)
        let colours = ColourMatch(query.analyzed)
        let model = textChannel == nil ? words : full
        let channelNames = channels.map(\.name)

        var judged: [Candidate] = []
        for (position, candidate) in candidates.enumerated() {
            guard let item = items[candidate.itemID] else { continue }
            var scored = candidate
            scored.recallRank = position
            scored.recallScore = candidate.score
            let fields = texts[item.id] ?? [:]
            var features = RerankFeatures()
            if let words = candidate.matches["words"] { features[.bm25] = words.score / (words.score + 4) }
            let coverage = lexical.coverage(of: fields)
            features[.coverage] = coverage.all
            features[.titleCoverage] = coverage.naming
            features[.phrase] = coverage.phrase ? 1 : 0
            features[.fusion] = Self.fusion(candidate, channels: channelNames)
            if let textChannel, let best = scores.bestText[item.id] {
                features[.meaning] = Self.strength(best.score, textChannel)
                scored.bestPassage = best
            }
            let frames = pictureChannel == nil ? [] : scores.frames(of: item.id, timed: timed[item.id] ?? [])
            if let pictureChannel {
                if item.kind == .video, let window = FrameWindow.best(of: frames) {
                    features[.picture] = Self.strength(window.similarity, pictureChannel)
                    scored.topFrames = FrameWindow.top(frames)
                } else if let best = frames.map(\.similarity).max() ?? scores.bestPicture[item.id] {
                    features[.picture] = Self.strength(best, pictureChannel)
                }
            }
            let agreement = HintAgreement.of(
                hints: hints, kind: item.kind, metadata: item.metadata,
                // Only quoted phrases read the text; joining long notes for nothing costs.
                text: hints.phrases.isEmpty ? "" : fields.filter { $0.key != .picture }.values.joined(separator: "\n"),
                fileModified: item.modifiedNanoseconds.map { Date(timeIntervalSince1970: Double($0) / 1e9) })
            features[.kind] = agreement.kind ?? 0
            features[.date] = agreement.date ?? 0
            features[.camera] = agreement.camera ?? 0
            features[.quoted] = agreement.phrase ?? 0
            features[.colour] = colours.share(in: fields)
            if item.kind == .video {
                scored.moment = VideoMoment.best(
                    timed: timed[item.id] ?? [], lexical: lexical, textScores: scores.textBySegment,
                    textChannel: textChannel, frames: frames, pictureChannel: pictureChannel)
            }
            let probability = model.probability(features)
            scored.features = features
            scored.score = probability
            scored.explanation = RerankExplanation(
                model: model.name, bias: model.intercept, components: model.components(features),
                features: Dictionary(uniqueKeysWithValues: RerankFeature.allCases.map { ($0.rawValue, features[$0]) }),
                probability: probability,
                recallRank: position + 1, recallScore: candidate.score)
            judged.append(scored)
        }
        judged.sort(by: Self.byScore)
        if let judge, judgeDepth > 0 {
            let passages = try reader.segments(ids: judged.prefix(judgeDepth).compactMap { $0.bestPassage?.segmentID })
            try applyJudge(judge, to: &judged, query: query, texts: texts, items: items, passages: passages)
        }
        return judged
    }

    /// Blends the judge's reading into the best candidates' log-odds and re-sorts them.
    private func applyJudge(
        _ judge: any PassageJudge, to judged: inout [Candidate], query: RecallQuery,
        texts: [Int64: [EvidenceField: String]], items: [Int64: ItemSummary], passages: [Int64: StoredSegment]
    ) throws {
        let top = min(judgeDepth, judged.count)
        guard top > 0 else { return }
        let passages = judged.prefix(top).map { candidate in
            JudgePassage.text(
                fields: texts[candidate.itemID] ?? [:], title: items[candidate.itemID]?.title,
                passage: candidate.bestPassage.flatMap { passages[$0.segmentID]?.text })
        }
        let readings = try judge.scores(query: query.text, passages: passages)
        guard readings.count == top else { return }
        for index in 0..<top where readings[index].isFinite {
            let base = RerankModel.logit(ofProbability: judged[index].score)
            let blended = (1 - Self.judgeShare) * base + Self.judgeShare * min(max(readings[index], -12), 12)
            judged[index].score = RerankModel.sigmoid(blended)
            judged[index].explanation?.judgeScore = readings[index]
        }
        judged.sort(by: Self.byScore)
    }

    static func byScore(_ left: Candidate, _ right: Candidate) -> Bool {
        if left.score != right.score { return left.score > right.score }
        return left.recallRank < right.recallRank
    }

    /// Similarity mapped onto the channel's strength scale and capped at 1.5: 0 at the
    /// channel's floor, 1 where it is sure.
    static func strength(_ similarity: Double, _ channel: VectorChannel) -> Double {
        DocumentFeatures.Scale(channel).strength(similarity)
    }

    /// Reciprocal rank fusion over the channels that ran, 0...1 (see `FusionRanking`).
    static func fusion(_ candidate: Candidate, channels: [String]) -> Double {
        let best = Double(max(channels.count, 1)) / (FusionRanking.constant + 1)
        var sum = 0.0
        for (channel, rank) in candidate.ranks {
            sum += (candidate.matches[channel]?.strength ?? 1) / (FusionRanking.constant + Double(rank + 1))
        }
        return sum / best
    }
}
