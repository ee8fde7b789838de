import Foundation
import Testing

@testable import MLibRemote

@Suite struct RetryDelayTests {
    let configuration = RemoteRerankerConfiguration(url: URL(string: "http://127.0.0.1:9")!)

    @Test func backoffDoublesForEachRetry() {
        #expect(configuration.delay(beforeRetry: 1, retryAfter: nil) == 0.25)
        #expect(configuration.delay(beforeRetry: 2, retryAfter: nil) == 0.5)
        #expect(configuration.delay(beforeRetry: 3, retryAfter: nil) == 1.0)
    }

    @Test func retryAfterInSecondsReplacesTheBackoffUpToFiveSeconds() {
        #expect(configuration.delay(beforeRetry: 1, retryAfter: "2") == 2)
        #expect(configuration.delay(beforeRetry: 3, retryAfter: " 0 ") == 0)
        #expect(configuration.delay(beforeRetry: 1, retryAfter: "120") == 5)
    }

    @Test func retryAfterAsADateFallsBackToTheBackoff() {
        #expect(configuration.delay(beforeRetry: 2, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT") == 0.5)
        #expect(configuration.delay(beforeRetry: 1, retryAfter: "-3") == 0.25)
    }
}
