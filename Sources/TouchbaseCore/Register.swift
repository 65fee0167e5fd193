/// A multi-value register: the state of one field.
///
/// A put supersedes exactly the values in its causal past; values written concurrently all survive.
/// The displayed value is the one with the highest `(hlc, device)`; the register is in conflict when
/// the surviving values differ (concurrent puts of the same value are not a conflict).
public struct Register: Hashable, Sendable {
    /// The surviving values, ordered by dot so equal registers compare equal.
    public private(set) var values: [RegisterValue]

    /// An empty register (the field was never written).
    public init() { values = [] }

    /// A register holding `values` (reordered canonically).
    public init(values: [RegisterValue]) {
        // Values read back from storage come in canonical order already: kept as they are.
        var ordered = true
        for i in values.indices.dropFirst() where !(values[i - 1].dot < values[i].dot) {
            ordered = false
            break
        }
        self.values = ordered ? values : values.sorted { $0.dot < $1.dot }
    }

    /// Whether the field was never written.
    public var isEmpty: Bool { values.isEmpty }

    /// The displayed value: the highest `(hlc, device)`.
    public var winner: RegisterValue? {
        // By position: the values are compared in place and only the winner is copied out.
        guard !values.isEmpty else { return nil }
        var best = 0
        for i in values.indices.dropFirst() where values[i].displaysOver(values[best]) { best = i }
        return values[best]
    }

    /// The displayed value, or ``Value/null`` for a field never written.
    public var value: Value { winner?.value ?? .null }

    /// Whether surviving values differ.
    public var isConflict: Bool {
        // A register of one value (the common case) compares nothing.
        guard values.count > 1 else { return false }
        let first = values[0].value
        return values.dropFirst().contains { $0.value != first }
    }

    /// The surviving values, each once, the displayed one first, then newest first.
    public var distinctValues: [RegisterValue] {
        var seen: [Value] = []
        var out: [RegisterValue] = []
        for v in values.sorted(by: { $0.displaysOver($1) }) where !seen.contains(v.value) {
            seen.append(v.value)
            out.append(v)
        }
        return out
    }

    /// Applies a put of `value` made by `change`: drops every value in the change's causal past
    /// (and an earlier put of the same change), then adds the new one.
    ///
    /// - Returns: whether the register changed.
    @discardableResult
    public mutating func put(_ value: Value, by change: Change) -> Bool {
        let new = RegisterValue(dot: change.dot, hlc: change.hlc, value: value)
        // The common cases without building new arrays: a field never written, and a single
        // value that the put supersedes (the same rule as below, one value at a time).
        if values.isEmpty {
            values = [new]
            return true
        }
        if values.count == 1 {
            let old = values[0]
            if change.happenedAfter(old.dot) || old.dot == change.dot {
                if old == new { return false }
                values[0] = new
            } else {
                values = old.dot < new.dot ? [old, new] : [new, old]
            }
            return true
        }
        let kept = values.filter { !(change.happenedAfter($0.dot) || $0.dot == change.dot) }
        if kept.count == values.count - 1 && values.contains(new) { return false }
        values = (kept + [new]).sorted { $0.dot < $1.dot }
        return true
    }
}
