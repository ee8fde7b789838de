extension CLIPImagePreprocessor {
    /// The width and height a `width` × `height` picture is resized to, with
    /// transformers' arithmetic (`get_resize_output_image_size` with
    /// `default_to_square=False`): the shorter side becomes the edge, and the longer
    /// side `edge * long / short` in floating point, rounded down.
    ///
    /// A square picture counts as portrait, so both sides become the edge.
    static func resizedSize(width: Int, height: Int, to size: Configuration.Size) -> (width: Int, height: Int) {
        switch size {
        case .exact(let height, let width):
            return (width, height)
        case .shortestEdge(let edge):
            let (short, long) = width <= height ? (width, height) : (height, width)
            // Python divides the exact integer product by the short side, correctly
            // rounded; so do doubles, as both operands are exact below 2^53.
            let longEdge = Int(Double(edge * long) / Double(short))
            return width <= height ? (edge, longEdge) : (longEdge, edge)
        }
    }

    /// Where a `crop`-long window starts along a side `length` long: centred, rounding
    /// toward the start as Python's `//` does, and negative (padding) when the side is
    /// shorter than the window.
    static func cropStart(length: Int, crop: Int) -> Int {
        let difference = length - crop
        return difference >= 0 ? difference / 2 : -((-difference + 1) / 2)
    }
}
