/// UTF-8 bytes of a string.
func b(_ text: String) -> [UInt8] { Array(text.utf8) }
