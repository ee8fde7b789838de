import Foundation

extension RemoteRerankerConfiguration {
    /// Seconds to wait before retry number `retry` (1 for the first): the server's
    /// `Retry-After` when it gave a number of seconds, capped at `longestRetryAfter`,
    /// otherwise `backoff` doubled for each earlier retry.
    func delay(beforeRetry retry: Int, retryAfter: String?) -> TimeInterval {
        if let retryAfter, let seconds = TimeInterval(retryAfter.trimmingCharacters(in: .whitespaces)),
            seconds.isFinite, seconds >= 0
        {
            return min(seconds, Self.longestRetryAfter)
        }
        return max(0, backoff) * pow(2, Double(max(0, retry - 1)))
    }

    /// The longest `Retry-After` honoured, so a busy server cannot stall a search for long.
    static let longestRetryAfter: TimeInterval = 5
}
