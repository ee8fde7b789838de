import MLibCore

extension Sequence<RawPath> {
    /// The folders not inside another one of these (a walk of each covers all),
    /// sorted; found in O(n · depth).
    func outermost() -> [RawPath] {
        var kept: Set<RawPath> = []
        for folder in sorted(by: { $0.bytes.count < $1.bytes.count }) {
            var ancestor = folder.parent
            var covered = false
            while ancestor.bytes.count > 1 && ancestor != folder {
                if kept.contains(ancestor) {
                    covered = true
                    break
                }
                let next = ancestor.parent
                if next == ancestor { break }
                ancestor = next
            }
            if !covered { kept.insert(folder) }
        }
        return kept.sorted()
    }
}
