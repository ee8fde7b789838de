import Foundation

/// Writes command output to stdout or, atomically, to a file.
enum OutputWriter {
    static func write(_ bytes: [UInt8], to path: String?) throws {
        guard let path else {
            Console.out(bytes: bytes)
            return
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError(
                message: "mlib: cannot write \(path): \(error.localizedDescription)", exitCode: ExitStatus.outputError)
        }
    }
}
