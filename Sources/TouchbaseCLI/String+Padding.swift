extension String {
    /// This text followed by spaces up to `width` terminal cells (unchanged when already as wide):
    /// wide characters and emoji count 2, combining marks 0 (``TerminalText/width(_:)``).
    func padded(to width: Int) -> String {
        TerminalText.pad(self, to: width)
    }
}
