/// What a model folder is, read from its configuration without loading weights.
///
/// Two folders with the same ``fingerprint`` hold the same model whatever they are
/// called; vectors are kept per fingerprint, so renaming a folder keeps them and two
/// different models in same-named folders never mix.
public struct ModelDescriptor: Sendable, Hashable {
    /// The folder's name, as people call the model (`all-MiniLM-L6-v2`).
    public var name: String
    /// The folder it was read from.
    public var folder: String
    /// Hex SHA-256 of the model's configuration files and its weights' header.
    public var fingerprint: String
    /// The architecture: `bert`, `distilbert`, later `clip-text`, `clip-vision`.
    public var family: String
    /// What the model embeds.
    public var tower: ModelTower
    /// Models whose vectors compare with each other share a space; a sentence model
    /// is a space of its own.
    public var space: String
    /// Length of the vectors it makes.
    public var dimension: Int

    public init(name: String, folder: String, fingerprint: String, family: String, tower: ModelTower, space: String, dimension: Int) {
        self.name = name
        self.folder = folder
        self.fingerprint = fingerprint
        self.family = family
        self.tower = tower
        self.space = space
        self.dimension = dimension
    }
}

/// What a model turns into vectors.
public enum ModelTower: String, Sendable, Hashable, CaseIterable {
    /// Passages of text (a sentence model, or a CLIP text tower).
    case text
    /// Pictures: images and video frames (a CLIP vision tower).
    case image
}
