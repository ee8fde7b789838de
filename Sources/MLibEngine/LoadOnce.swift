import Foundation
import Synchronization

/// Values loaded on first use, once per key, however many threads ask at once.
///
/// Each key has its own slot with its own lock: the first caller loads while later
/// callers for that key wait for it, and callers for other keys are not held up.
/// A failed load is not remembered, so the next caller tries again.
final class LoadOnce<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private final class Slot: @unchecked Sendable {
        // `value` is read and written only while `lock` is held.
        let lock = NSLock()
        var value: Value?
    }

    private let slots = Mutex<[Key: Slot]>([:])

    init() {}

    /// The value for `key`, made by `load` if no caller made it yet; `refresh`, when
    /// given, may replace a value already there (it runs under the key's lock).
    func value(for key: Key, load: () throws -> Value, refresh: ((Value) throws -> Value)? = nil) throws -> Value {
        let slot = slots.withLock { slots in
            if let slot = slots[key] { return slot }
            let slot = Slot()
            slots[key] = slot
            return slot
        }
        slot.lock.lock()
        defer { slot.lock.unlock() }
        if let value = slot.value {
            guard let refresh else { return value }
            let fresh = try refresh(value)
            slot.value = fresh
            return fresh
        }
        let value = try load()
        slot.value = value
        return value
    }

    /// The value for `key` if one was loaded, without loading it.
    func loaded(_ key: Key) -> Value? {
        guard let slot = slots.withLock({ $0[key] }) else { return nil }
        return slot.lock.withLock { slot.value }
    }

    /// Forgets every value.
    func removeAll() {
        slots.withLock { $0.removeAll() }
    }
}
