import GRDB

/// The migrations of `Schema/*.sql`, embedded at build time, registered in order.
enum SchemaMigrations {
    /// The name of the newest migration this build knows.
    static var latest: String { embeddedMigrations.last?.name ?? "none" }

    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in embeddedMigrations {
            migrator.registerMigration(migration.name) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }
}
