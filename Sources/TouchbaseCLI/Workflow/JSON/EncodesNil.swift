/// An optional that a `--json` shape writes as `null` when absent (the key is always there), as
/// the shapes documented in docs/JSON.md promise.
@propertyWrapper
struct EncodesNil<Wrapped: Codable>: Codable {
    var wrappedValue: Wrapped?

    init(wrappedValue: Wrapped?) { self.wrappedValue = wrappedValue }

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = c.decodeNil() ? nil : try c.decode(Wrapped.self)
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
    }
}
