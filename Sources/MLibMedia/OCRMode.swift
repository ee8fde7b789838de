/// When to read the text in pictures (`mlib index --ocr auto|on|off`).
public enum OCRMode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Read text only in pictures that look as if they hold some (`TextLikelihood`), so a
    /// folder of ordinary photos costs little more than without OCR.
    case auto
    /// Read every picture, whatever it looks like.
    case on
    /// Never read text in pictures.
    case off

    public var description: String { rawValue }
}
