extension TextCanvas {
    /// Removes from one line's ink the blobs that cannot be its letters, which
    /// Tesseract would otherwise read into the line ("B exHarmaecic &" for PHARMACIE,
    /// "_Parking" over the tops of the next line's letters):
    ///
    /// - blobs touching the left or right end of the box that lie mostly past the band
    ///   the finder saw: the box is widened by a letter height at each end (a band often
    ///   stops a letter short), and past a sign's last letter come its frame and the
    ///   wall around it;
    /// - blobs touching the top or bottom that are less than half a letter tall: the
    ///   feet or tops of the lines above and below (the line's own ascenders and
    ///   descenders are taller);
    /// - solid bars from the top of the box to its bottom (a pole, the side of a
    ///   frame), solid blocks at least as wide as tall (a sign's corner, a patch of
    ///   wall), rules (frame edges, underlines) long and much thinner than a letter,
    ///   and frames: wide blobs whose ink runs along the edges of their box.
    ///
    /// Small blobs inside (full stops, commas, the dots on i and j) stay, and so do
    /// letters a hairline crosses (a poster's decorative circles), whole.
    ///
    /// - Parameters:
    ///   - thickness: the letter height, in pixels;
    ///   - band: where the finder's band was, in the same pixels.
    static func removeClutter(_ ink: inout [Bool], width: Int, height: Int, thickness: Double, band: TextLineBox) {
        guard width > 0, height > 0 else { return }
        var seen = [Bool](repeating: false, count: width * height)
        var stack: [Int] = []
        var members: [Int] = []
        for start in 0..<(width * height) where ink[start] && !seen[start] {
            seen[start] = true
            stack.append(start)
            members.removeAll(keepingCapacity: true)
            var (minX, maxX, minY, maxY) = (width, -1, height, -1)
            var outside = 0
            // Eight-connected, so a blob joined to another only at a corner is one.
            while let index = stack.popLast() {
                members.append(index)
                let x = index % width
                let y = index / width
                minX = min(minX, x)
                maxX = max(maxX, x)
                minY = min(minY, y)
                maxY = max(maxY, y)
                if Double(x) + 0.5 < band.x || Double(x) + 0.5 > band.maxX { outside += 1 }
                for ny in max(0, y - 1)...min(height - 1, y + 1) {
                    for nx in max(0, x - 1)...min(width - 1, x + 1) {
                        let neighbour = ny * width + nx
                        guard ink[neighbour], !seen[neighbour] else { continue }
                        seen[neighbour] = true
                        stack.append(neighbour)
                    }
                }
            }
            let blobWidth = Double(maxX - minX + 1)
            let blobHeight = Double(maxY - minY + 1)
            let fill = Double(members.count) / (blobWidth * blobHeight)
            let past = (minX == 0 || maxX == width - 1) && 2 * outside >= members.count
            let sliver = (minY == 0 || maxY == height - 1) && blobHeight < 0.5 * thickness
            let bar = minY == 0 && maxY == height - 1 && blobWidth <= 0.5 * thickness && fill >= 0.6
            let block = fill >= 0.8 && blobWidth >= blobHeight && blobHeight >= 0.5 * thickness
            let rule = blobHeight <= 0.25 * thickness && blobWidth >= 2 * thickness
            var frame = false
            if blobWidth >= 2 * thickness, blobHeight >= 0.8 * thickness, fill <= 0.5 {
                // A frame's ink runs along its box's edges; a circle's, or a letter's, does not.
                let edge = max(2, Int(0.3 * thickness))
                let onEdges = members.count { index in
                    let x = index % width
                    let y = index / width
                    return x - minX < edge || maxX - x < edge || y - minY < edge || maxY - y < edge
                }
                frame = Double(onEdges) >= 0.6 * Double(members.count)
            }
            if past || sliver || bar || block || rule || frame {
                for index in members { ink[index] = false }
            }
        }
    }
}
