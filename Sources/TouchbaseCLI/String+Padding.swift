extension String {
    /// This text followed by spaces up to `width` characters (unchanged when already as wide).
    func padded(to width: Int) -> String {
        let n = count
        return n >= width ? self : self + String(repeating: " ", count: width - n)
    }
}
