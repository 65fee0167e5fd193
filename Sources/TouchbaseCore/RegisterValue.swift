/// One value held by a multi-value register, with the Change that wrote it.
public struct RegisterValue: Hashable, Sendable {
    /// The Change that wrote the value.
    public var dot: Dot
    /// That Change's clock stamp.
    public var hlc: HLC
    /// The value.
    public var value: Value

    /// Creates a register value.
    public init(dot: Dot, hlc: HLC, value: Value) {
        self.dot = dot
        self.hlc = hlc
        self.value = value
    }

    /// The order that picks the displayed value: highest `(hlc, device)` wins on every device.
    public func displaysOver(_ other: RegisterValue) -> Bool {
        (hlc, dot.device, dot.seq) > (other.hlc, other.dot.device, other.dot.seq)
    }
}
