/// The eleven basic colour words most languages' speakers agree on (Berlin and
/// Kay), which mlib uses to describe and find pictures by colour.
///
/// The raw value is the English word the word index holds, in British spelling
/// (`grey`); a query for "gray" needs its own mapping.
public enum ColourName: String, CaseIterable, Sendable, Hashable, Codable {
    case red, orange, yellow, green, blue, purple, pink, brown, black, white, grey
}
