import MLibSearch

extension Engine {
    /// The text cross-encoder that reads the best candidates, when the user has one.
    /// Cross-encoders are wired in when their inference lands.
    func passageJudge(warnings: inout [String]) -> (any PassageJudge)? {
        nil
    }
}
