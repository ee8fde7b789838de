/// The version `mlib --version` prints.
public enum MLibVersion {
    public static let current = "0.1.0"
}
