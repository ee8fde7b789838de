import Foundation
public import MLibCore
public import MLibStore
public import MLibWatch

/// What `mlib status` says about a library: counts, models and vectors, a running
/// watcher, and failures; as JSON or as text.
public struct StatusReport: Sendable {
    public var library: String
    public var status: LibraryStatus
    public var models: [ModelReport]
    public var watcher: WatchStatus?
    /// Listed only when asked for.
    public var failures: [FailureRecord]?

    /// The report as a JSON object.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "library": .string(library),
            "schema": .string(status.schemaVersion),
            "size_bytes": .number(Double(status.fileSize)),
            "segments": .number(Double(status.segments)),
            "items": [
                "total": .number(Double(status.total)), "text": .number(Double(status.text)),
                "image": .number(Double(status.image)), "video": .number(Double(status.video)),
                "failed": .number(Double(status.failed)),
            ],
            "models": .array(models.filter { $0.stored != nil }.map(Self.json)),
        ]
        object["watcher"] = watcher.map(Self.json) ?? .null
        if let failures {
            object["failures"] = .array(
                failures.map { ["path": .string($0.path.string), "code": .string($0.code), "reason": .string($0.reason)] })
        }
        return .object(object)
    }

    /// The report as lines for people.
    public var text: String {
        var text = """
            library   \(library)
            size      \(Self.bytes(status.fileSize)) (schema \(status.schemaVersion))
            items     \(status.total): \(status.text) text, \(status.image) image, \(status.video) video, \(status.failed) failed

            """
        let held = models.filter { $0.stored != nil }
        if held.isEmpty {
            text += "models    none: search is by words (`mlib index` embeds with the default model when it is there)\n"
        }
        for (index, model) in held.enumerated() {
            text += (index == 0 ? "models    " : "          ") + Self.line(model) + "\n"
        }
        text += watcher.map(Self.text) ?? "watcher   not running\n"
        if let failures {
            text += failures.isEmpty ? "no failures\n" : "failures\n"
            for failure in failures {
                text += "  \(failure.reason) [\(failure.code)]\n"
            }
        } else if status.failed > 0 {
            text += "see the failures with: mlib status --failed\n"
        }
        return text
    }

    /// Model reports as a JSON array.
    public static func modelsJSON(_ models: [ModelReport]) -> JSONValue {
        .array(models.map(json))
    }

    /// One model on one line: name, roles, vectors and their bytes, and any problem.
    public static func line(_ model: ModelReport) -> String {
        var parts = [model.name]
        if let stored = model.stored { parts.append("\(stored.dimension)-d \(stored.family)") } else if let descriptor = model.descriptor {
            parts.append("\(descriptor.dimension)-d \(descriptor.family)")
        }
        if !model.roles.isEmpty { parts.append("role " + model.roles.map(\.rawValue).joined(separator: ", ")) }
        if let usage = model.usage {
            parts.append(
                "\(usage.segmentVectors) \(model.stored?.tower == "image" ? "pictures" : "passages"), \(usage.vectors) vectors (\(bytes(usage.vectorBytes)) in the library, "
                    + "\(bytes(model.storeBytes)) store)")
        } else if model.isJudge {
            parts.append("cross-encoder  reads the best hits of every search")
        } else if model.stored == nil {
            parts.append("not used by this library")
        }
        if let problem = model.problem { parts.append("PROBLEM: " + problem) }
        return parts.joined(separator: "  ")
    }

    static func json(_ model: ModelReport) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(model.name),
            "roles": .array(model.roles.map { .string($0.rawValue) }),
            "folder": JSONValue(model.descriptor?.folder ?? model.stored?.folder),
            "problem": JSONValue(model.problem),
            "store_bytes": .number(Double(model.storeBytes)),
            "cross_encoder": .bool(model.isJudge),
        ]
        if let stored = model.stored {
            object["id"] = .number(Double(stored.id))
            object["fingerprint"] = .string(stored.fingerprint)
            object["family"] = .string(stored.family)
            object["tower"] = .string(stored.tower)
            object["space"] = .string(stored.space)
            object["dimension"] = .number(Double(stored.dimension))
            object["generation"] = .number(Double(stored.generation))
        }
        let usage = model.usage ?? ModelUsage(segmentVectors: 0, vectors: 0, vectorBytes: 0)
        object["passages"] = .number(Double(usage.segmentVectors))
        object["vectors"] = .number(Double(usage.vectors))
        object["vector_bytes"] = .number(Double(usage.vectorBytes))
        return .object(object)
    }

    static func bytes(_ count: Int64) -> String {
        ByteCountFormatter.string(fromByteCount: count, countStyle: .file)
    }

    /// The status as the watcher writes it, with absent values as null.
    static func json(_ status: WatchStatus) -> JSONValue {
        guard let data = status.encoded(), case .object(var object)? = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return .null }
        for key in ["last_event", "last_event_at"] where object[key] == nil {
            object[key] = .null
        }
        return .object(object)
    }

    static func text(_ status: WatchStatus) -> String {
        var lines = [
            "watcher   running (pid \(status.pid), \(status.mode)) since \(status.startedAt.formatted(.iso8601)): \(status.phase.rawValue)",
            "          \(status.roots.joined(separator: ", "))",
            "          \(status.queued) queued, \(status.settling) settling; \(status.watchedFolders) folders watched"
                + (status.polledFolders > 0 ? ", \(status.polledFolders) polled" : ""),
            "          since start: \(status.indexed) indexed, \(status.moved) moved, \(status.removed) removed, "
                + "\(status.failed) failed, \(status.embedded) passages embedded, \(status.rescans) rescans",
        ]
        if status.watchLimitReached {
            lines.append("          the inotify watch limit ran out: sudo sysctl fs.inotify.max_user_watches=524288")
        }
        if let event = status.lastEvent {
            lines.append("          last: \(event)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Engine {
    /// The library's status report; `failures` lists every failed file too.
    public func statusReport(failures: Bool) throws -> StatusReport {
        let status = try library.status()
        let watcher = WatchLock.isHeld(library: library.path) ? WatchStatus.read(library: library.path) : nil
        return StatusReport(
            library: library.path, status: status, models: try modelReports(load: false), watcher: watcher,
            failures: failures ? try library.failures() : nil)
    }
}
