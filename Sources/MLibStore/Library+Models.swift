import Foundation
import GRDB
public import MLibCore

extension Library {
    /// The row of `model`, added when the library has not met it before.
    ///
    /// A model is known by fingerprint: a renamed folder finds its row (the name and
    /// folder are updated), and a different model in a same-named folder gets a row of
    /// its own. A row carried over from schema 2 (`legacy:NAME`) is adopted by the
    /// first model of that name and dimension.
    public func register(_ model: ModelDescriptor) throws(LibraryError) -> StoredModel {
        try write { db in
            let now = ISO8601DateFormatter().string(from: Date())
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM models WHERE fingerprint = ?", arguments: [model.fingerprint]) {
                try db.execute(sql: "UPDATE models SET folder = ? WHERE id = ?", arguments: [model.folder, id])
            } else if let legacy = try Int64.fetchOne(
                db, sql: "SELECT id FROM models WHERE fingerprint = ? AND dimension = ?",
                arguments: ["legacy:" + model.name, model.dimension])
            {
                try db.execute(
                    sql: "UPDATE models SET fingerprint = ?, family = ?, tower = ?, space = ?, folder = ? WHERE id = ?",
                    arguments: [model.fingerprint, model.family, model.tower.rawValue, model.space, model.folder, legacy])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO models (name, fingerprint, family, tower, space, dimension, folder, added_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        model.name, model.fingerprint, model.family, model.tower.rawValue, model.space, model.dimension,
                        model.folder, now,
                    ])
            }
            return try Self.fetchModels(db, where: "fingerprint = ?", [model.fingerprint])[0]
        }
    }

    /// Every model the library has met, by id.
    public func models() throws(LibraryError) -> [StoredModel] {
        try read { db in try Self.fetchModels(db, where: "1", []) }
    }

    /// The model with this id, or nil.
    public func model(id: Int64) throws(LibraryError) -> StoredModel? {
        try read { db in try Self.fetchModels(db, where: "id = ?", [id]).first }
    }

    /// The model serving `role`, or nil when none was chosen yet.
    public func model(for role: ModelRole) throws(LibraryError) -> StoredModel? {
        try read { db in
            try Self.fetchModels(db, where: "id = (SELECT model_id FROM model_roles WHERE role = ?)", [role.rawValue]).first
        }
    }

    /// Which model serves each role.
    public func roles() throws(LibraryError) -> [ModelRole: Int64] {
        try read { db in
            var roles: [ModelRole: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT role, model_id FROM model_roles") {
                if let role = ModelRole(rawValue: row.text(at: 0) ?? ""), let id = Int64.fromDatabaseValue(row[1]) { roles[role] = id }
            }
            return roles
        }
    }

    /// Makes `modelID` serve `role`. The model that served it before loses its
    /// vectors (the user chose another model for the job), unless it still serves
    /// another role; returns it.
    @discardableResult
    public func assign(_ role: ModelRole, to modelID: Int64) throws(LibraryError) -> StoredModel? {
        try write { db in
            let previous = try Self.fetchModels(
                db, where: "id = (SELECT model_id FROM model_roles WHERE role = ?)", [role.rawValue]
            ).first
            try db.execute(
                sql: "INSERT INTO model_roles (role, model_id) VALUES (?, ?) ON CONFLICT (role) DO UPDATE SET model_id = excluded.model_id",
                arguments: [role.rawValue, modelID])
            guard let previous, previous.id != modelID else { return nil }
            let stillServes = try Int.fetchOne(db, sql: "SELECT count(*) FROM model_roles WHERE model_id = ?", arguments: [previous.id]) ?? 0
            if stillServes == 0 {
                try db.execute(sql: "DELETE FROM segment_vectors WHERE model_id = ?", arguments: [previous.id])
                try db.execute(sql: "DELETE FROM vectors WHERE model_id = ?", arguments: [previous.id])
            }
            return previous
        }
    }

    /// Gives a role to `modelID` only when no model serves it yet; returns whether it did.
    @discardableResult
    public func assignIfVacant(_ role: ModelRole, to modelID: Int64) throws(LibraryError) -> Bool {
        try write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO model_roles (role, model_id) VALUES (?, ?)", arguments: [role.rawValue, modelID])
            return db.changesCount > 0
        }
    }

    /// Removes a model with all its vectors and roles.
    public func forgetModel(id: Int64) throws(LibraryError) {
        try write { db in
            // Explicit deletes first: the cascade would bump the generation row by row
            // of a model row that is going anyway.
            try db.execute(sql: "DELETE FROM model_roles WHERE model_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM segment_vectors WHERE model_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM vectors WHERE model_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM models WHERE id = ?", arguments: [id])
        }
    }

    /// The generation of a model's vectors, or nil when the model is gone.
    public func generation(modelID: Int64) throws(LibraryError) -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT generation FROM models WHERE id = ?", arguments: [modelID]) }
    }

    /// How much each model holds, by model id.
    public func modelUsage() throws(LibraryError) -> [Int64: ModelUsage] {
        try read { db in
            var usage: [Int64: ModelUsage] = [:]
            let empty = ModelUsage(segmentVectors: 0, vectors: 0, vectorBytes: 0)
            for row in try Row.fetchAll(
                db, sql: "SELECT model_id, count(*), coalesce(sum(length(vector)), 0) FROM vectors GROUP BY model_id")
            {
                let model = try row.decode(Int64.self, at: 0, of: "vectors")
                usage[model, default: empty].vectors = try row.decode(Int.self, at: 1, of: "vectors")
                usage[model, default: empty].vectorBytes = try row.decode(Int64.self, at: 2, of: "vectors")
            }
            for row in try Row.fetchAll(db, sql: "SELECT model_id, count(*) FROM segment_vectors GROUP BY model_id") {
                usage[try row.decode(Int64.self, at: 0, of: "segment_vectors"), default: empty].segmentVectors =
                    try row.decode(Int.self, at: 1, of: "segment_vectors")
            }
            return usage
        }
    }

    /// This library's identity (made when it was created), which vector stores carry.
    public func libraryID() throws(LibraryError) -> String {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM library_info WHERE key = 'library_id'") ?? "" }
    }

    static func fetchModels(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [StoredModel] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, name, fingerprint, family, tower, space, dimension, folder, generation FROM models
                WHERE \(condition) ORDER BY id
                """,
            arguments: arguments
        ).map { row in
            StoredModel(
                id: try row.decode(at: 0, of: "models"), name: row.text(at: 1) ?? "", fingerprint: row.text(at: 2) ?? "",
                family: row.text(at: 3) ?? "", tower: row.text(at: 4) ?? "", space: row.text(at: 5) ?? "",
                dimension: try row.decode(at: 6, of: "models"), folder: row.text(at: 7), generation: try row.decode(at: 8, of: "models"))
        }
    }
}
