extension Unicode.Scalar {
    /// C0 and C1 control characters, DEL, and the Unicode line and paragraph
    /// separators: everything that can break a line or drive a terminal.
    var isControlOrLineBreak: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }
}

extension String {
    /// The text on one line: control characters and line breaks become spaces, runs of
    /// white space collapse into one, and the ends are trimmed.
    ///
    /// Used for playlist titles and terminal output, where an embedded newline would
    /// start a new entry or row.
    var singleLine: String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.isControlOrLineBreak || scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }
}
