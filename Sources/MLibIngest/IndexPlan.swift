import MLibCore
import MLibStore
import MLibWatch

/// The difference between folders on disk and what the library holds: which files
/// to read, which are unchanged, and which items are gone.
struct IndexPlan {
    var work: [IndexJob] = []
    var found = 0
    var unchanged = 0
    var stillFailing = 0
    /// Stored items not seen by the walk, by id: removed at the end unless a new file
    /// turns out to be one of them moved.
    var missing: [Int64: StoredFile] = [:]
    private var seen: Set<RawPath> = []

    mutating func add(root: RawPath, stored: [StoredFile], walker: DirectoryWalker) throws(WalkError) {
        let byPath = Dictionary(stored.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var seenHere: Set<RawPath> = []
        try walker.walk(root) { entry in
            switch entry {
            case .file(let path, let state):
                guard seen.insert(path).inserted else { return }  // overlapping roots
                seenHere.insert(path)
                found += 1
                if let known = byPath[path], known.state.sameContent(as: state) {
                    unchanged += 1
                    if known.failed { stillFailing += 1 }
                } else {
                    work.append(IndexJob(path: path, state: state, storedID: byPath[path]?.itemID))
                }
            case .problem(let path, let code, let reason):
                guard seen.insert(path).inserted else { return }
                seenHere.insert(path)
                found += 1
                let state = FileState(size: 0, modificationTimeNanoseconds: 0, inode: 0, device: 0)
                if let known = byPath[path], known.failed {
                    unchanged += 1
                    stillFailing += 1
                } else {
                    work.append(
                        IndexJob(path: path, state: state, storedID: byPath[path]?.itemID, problem: (code, reason)))
                }
            }
        }
        for file in stored where !seenHere.contains(file.path) && !seen.contains(file.path) {
            missing[file.itemID] = file
        }
    }

    /// Missing items by content hash, for recognising moves.
    func missingByHash() -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        for file in missing.values.sorted(by: { $0.itemID > $1.itemID }) where !file.failed {
            if let hash = file.contentHash { result[hash, default: []].append(file.itemID) }
        }
        return result
    }
}

extension FileState {
    /// Whether two states describe the same unchanged file: same size, modification
    /// time and inode (a file replaced by rename gets a new inode).
    func sameContent(as other: FileState) -> Bool {
        size == other.size && modificationTimeNanoseconds == other.modificationTimeNanoseconds
            && inode == other.inode
    }
}
