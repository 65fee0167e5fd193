extension Change {
    /// Whether this Change may be applied on a replica that has applied `version`: its predecessor
    /// on the same device and every Change in its `deps` are applied, and it is not applied yet.
    /// A Change with sequence number 0 (never valid) is never ready.
    public func isReady(given version: VersionVector) -> Bool {
        seq >= 1 && version[device] == seq - 1 && version.covers(deps)
    }

    /// What this Change still waits for on a replica that has applied `version`: for each device
    /// it needs more of, the first missing Change of that device.
    public func missing(given version: VersionVector) -> [Dot] {
        var out: [Dot] = []
        if seq >= 1, version[device] < seq - 1 { out.append(Dot(device: device, seq: version[device] + 1)) }
        for (d, s) in deps.sorted where version[d] < s { out.append(Dot(device: d, seq: version[d] + 1)) }
        return out
    }
}
