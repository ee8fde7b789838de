/// One event of a CMX 3600 edit decision list: a stretch of a source laid on the record side.
public struct EDLEvent: Sendable, Hashable {
    /// The event number, from 1.
    public var number: Int
    /// The source tape or reel; `AX` for an auxiliary source such as a file.
    public var reel: String
    /// The track edited: `V` for video, `A`, `A2`, `B` (video and audio) and so on.
    public var track: String
    /// The transition: `C` for a cut, `D` for a dissolve, `W…` for a wipe.
    public var transition: String
    public var sourceIn: EDLTimecode
    public var sourceOut: EDLTimecode
    public var recordIn: EDLTimecode
    public var recordOut: EDLTimecode
    /// From the `* FROM CLIP NAME:` comment.
    public var clipName: String?
    /// From the `* SOURCE FILE:` comment.
    public var sourceFile: String?
    /// The event's other comment lines, without their leading `*`.
    public var comments: [String]

    public init(
        number: Int, reel: String, track: String, transition: String, sourceIn: EDLTimecode,
        sourceOut: EDLTimecode, recordIn: EDLTimecode, recordOut: EDLTimecode, clipName: String? = nil,
        sourceFile: String? = nil, comments: [String] = []
    ) {
        self.number = number
        self.reel = reel
        self.track = track
        self.transition = transition
        self.sourceIn = sourceIn
        self.sourceOut = sourceOut
        self.recordIn = recordIn
        self.recordOut = recordOut
        self.clipName = clipName
        self.sourceFile = sourceFile
        self.comments = comments
    }
}
