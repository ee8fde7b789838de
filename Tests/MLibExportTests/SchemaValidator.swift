import Foundation
import MLibTestSupport

/// Validates JSON against the committed schemas in `Schema/` with Python's
/// `jsonschema` (draft 2020-12), so the schema is checked by an independent tool.
enum SchemaValidator {
    static let documentSchema = Fixtures.packageRoot + "/Schema/search-results.schema.json"
    static let lineSchema = Fixtures.packageRoot + "/Schema/search-result-line.schema.json"

    /// Whether `json` (one document) is valid; the output carries Python's reason.
    static func validateDocument(_ json: [UInt8]) throws -> ExternalTool.Output {
        try run(
            json,
            script: """
                import json, sys, jsonschema
                schema = json.load(open(sys.argv[2], encoding="utf-8"))
                jsonschema.validate(json.load(open(sys.argv[1], encoding="utf-8")), schema)
                """)
    }

    /// Whether every line of `jsonl` is a valid result line, with no blank lines.
    static func validateLines(_ jsonl: [UInt8]) throws -> ExternalTool.Output {
        try run(
            jsonl,
            script: """
                import json, sys, jsonschema
                schema = json.load(open(sys.argv[2], encoding="utf-8"))
                jsonschema.Draft202012Validator.check_schema(schema)
                for line in open(sys.argv[1], encoding="utf-8", newline="\\n"):
                    assert line.endswith("\\n"), "last line lacks its newline"
                    jsonschema.validate(json.loads(line), schema)
                """, schema: lineSchema)
    }

    private static func run(_ bytes: [UInt8], script: String, schema: String = documentSchema) throws
        -> ExternalTool.Output
    {
        let directory = try TemporaryDirectory(prefix: "mlib-export")
        defer { directory.remove() }
        let file = directory.path("output.json")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return try ExternalTool.run("python3", ["-c", script, file, schema])
    }
}
