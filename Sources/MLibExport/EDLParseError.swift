/// An edit decision list line that `EDLParser` cannot read as an event.
public struct EDLParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line's number, from 1.
    public var line: Int
    /// The line as written.
    public var text: String

    public init(line: Int, text: String) {
        self.line = line
        self.text = text
    }

    public var description: String {
        "line \(line) of the EDL starts like an event but is not one: \"\(text)\". An event reads "
            + "`001  REEL  V  C  source-in source-out record-in record-out`, times as HH:MM:SS:FF."
    }
}
