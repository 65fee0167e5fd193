/// Recognises LinkedIn profile URLs and brings them to one canonical form.
///
/// The canonical form is `https://www.linkedin.com/in/<slug>`:
/// - any scheme-less, `http:` or `https:` URL whose host is `linkedin.com` or a subdomain of it
///   (`www.`, `uk.`, `m.` …) is accepted, the host compared case-insensitively;
/// - the path must start with `/in/<slug>`; anything after the slug (`/`, `/en`, `/details/…`),
///   the query (`?trk=…`) and the fragment are dropped;
/// - the slug is percent-decoded, lowercased (LinkedIn profile slugs are case-insensitive) and
///   re-encoded with uppercase `%XX` for every byte outside `A–Z a–z 0–9 - . _ ~`.
///
/// Other LinkedIn pages (`/company/…`, the legacy `/pub/…`) are not profile identities and
/// yield `nil`, as does anything that is not a LinkedIn URL.
public enum LinkedInURL {
    /// The canonical profile URL for `text`, or `nil` when `text` is not a LinkedIn profile URL.
    public static func normalize(_ text: String) -> String? {
        var rest = Substring(text.trimmingWhitespace())
        guard !rest.isEmpty else { return nil }
        if let schemeEnd = rest.range(of: "://") {
            let scheme = rest[..<schemeEnd.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https" else { return nil }
            rest = rest[schemeEnd.upperBound...]
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var host = rest[..<authorityEnd].lowercased()
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        if let colon = host.firstIndex(of: ":") { host = String(host[..<colon]) }
        if host.hasSuffix(".") { host.removeLast() }
        guard host == "linkedin.com" || host.hasSuffix(".linkedin.com") else { return nil }
        var path = rest[authorityEnd...]
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].lowercased() == "in" else { return nil }
        guard let slug = canonicalSlug(parts[1]) else { return nil }
        return "https://www.linkedin.com/in/" + slug
    }

    /// Whether `text` is a LinkedIn profile URL (see ``normalize(_:)``).
    public static func isProfileURL(_ text: String) -> Bool {
        normalize(text) != nil
    }

    /// Decodes, lowercases and re-encodes a slug; `nil` when it is empty.
    private static func canonicalSlug(_ raw: Substring) -> String? {
        let decoded = HexEscape.decode(Array(raw.utf8), escape: UInt8(ascii: "%"))
        // String(validating:) needs macOS 15 / iOS 18; the package supports older systems.
        let valid = InteropText.firstInvalidUTF8Offset(decoded) == nil
        let lowered = (valid ? String(decoding: decoded, as: UTF8.self) : String(raw)).lowercased()
        guard !lowered.isEmpty else { return nil }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in lowered.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
