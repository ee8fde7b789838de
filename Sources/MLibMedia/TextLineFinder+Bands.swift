extension TextLineFinder {
    /// The 4-connected groups of set pixels in a mask, found run by run: each row's runs
    /// join the runs they touch in the row above (union–find), so the work grows with
    /// the number of runs, not pixels.
    struct Bands {
        struct Run {
            var y: Int
            var start: Int
            var end: Int
        }

        struct Component {
            var minX = Int.max
            var maxX = Int.min
            var minY = Int.max
            var maxY = Int.min
            var area = 0
            var edges = 0
            var runs: [Int] = []
        }

        private(set) var runs: [Run] = []
        private(set) var components: [Component] = []

        init(mask: [UInt8], edges: [UInt8], width: Int, height: Int) {
            var parents: [Int] = []
            var previousRow = 0..<0
            mask.withUnsafeBufferPointer { mask in
                for y in 0..<height {
                    let rowStart = runs.count
                    var x = 0
                    let row = y * width
                    while x < width {
                        guard mask[row + x] != 0 else { x += 1; continue }
                        let start = x
                        while x < width, mask[row + x] != 0 { x += 1 }
                        runs.append(Run(y: y, start: start, end: x))
                        parents.append(runs.count - 1)
                    }
                    let currentRow = rowStart..<runs.count
                    // Runs overlap when their column ranges share a column.
                    var above = previousRow.lowerBound
                    for index in currentRow {
                        let run = runs[index]
                        while above < previousRow.upperBound, runs[above].end <= run.start { above += 1 }
                        var candidate = above
                        while candidate < previousRow.upperBound, runs[candidate].start < run.end {
                            Self.union(&parents, index, candidate)
                            candidate += 1
                        }
                    }
                    previousRow = currentRow
                }
            }
            var componentOfRoot: [Int: Int] = [:]
            edges.withUnsafeBufferPointer { edges in
                for index in runs.indices {
                    let root = Self.find(&parents, index)
                    let slot: Int
                    if let known = componentOfRoot[root] {
                        slot = known
                    } else {
                        slot = components.count
                        componentOfRoot[root] = slot
                        components.append(Component())
                    }
                    let run = runs[index]
                    var edgeCount = 0
                    for x in run.start..<run.end { edgeCount += Int(edges[run.y * width + x]) }
                    components[slot].minX = min(components[slot].minX, run.start)
                    components[slot].maxX = max(components[slot].maxX, run.end)
                    components[slot].minY = min(components[slot].minY, run.y)
                    components[slot].maxY = max(components[slot].maxY, run.y + 1)
                    components[slot].area += run.end - run.start
                    components[slot].edges += edgeCount
                    components[slot].runs.append(index)
                }
            }
        }

        private static func find(_ parents: inout [Int], _ index: Int) -> Int {
            var root = index
            while parents[root] != root { root = parents[root] }
            var walker = index
            while parents[walker] != root {
                let next = parents[walker]
                parents[walker] = root
                walker = next
            }
            return root
        }

        private static func union(_ parents: inout [Int], _ first: Int, _ second: Int) {
            let a = find(&parents, first)
            let b = find(&parents, second)
            if a != b { parents[max(a, b)] = min(a, b) }
        }
    }
}
