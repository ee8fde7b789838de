import Foundation

/// Finds the library file: `--library`, else `MLIB_LIBRARY`, else the XDG data folder.
enum LibraryLocator {
    static func path(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return absolute(option) }
        if let variable = environment["MLIB_LIBRARY"], !variable.isEmpty { return absolute(variable) }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            dataHome = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return dataHome + "/mlib/library.sqlite"
    }

    private static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return FileManager.default.currentDirectoryPath + "/" + expanded
    }
}
