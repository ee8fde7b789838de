/// A CMX 3600 edit decision list as `EDLParser` reads it.
public struct EDLDocument: Sendable, Hashable {
    /// The `TITLE:` line's text; nil when the list has none.
    public var title: String?
    /// Whether the header's `FCM:` says drop frame; false for non-drop or no `FCM:`.
    public var isDropFrame: Bool
    /// The events in the order they are listed.
    public var events: [EDLEvent]

    public init(title: String? = nil, isDropFrame: Bool = false, events: [EDLEvent] = []) {
        self.title = title
        self.isDropFrame = isDropFrame
        self.events = events
    }
}
