import Foundation
import Glibc
import MLibTestSupport
import Testing

/// Bounded waiting: conditions are checked every 100 ms, never assumed after a sleep.
enum Eventually {
    /// Checks `condition` until it holds or `timeout` seconds pass; whether it held.
    static func poll(timeout: Double, interval: Double = 0.1, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if try condition() { return true }
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: interval)
        }
    }
}
