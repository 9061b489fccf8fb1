/// A NULL-terminated array of C strings (argv, envp) that owns its memory for as long as it lives.
/// Built from bytes, so text that is not UTF-8 passes through unchanged (a NUL byte ends a string,
/// as it would in C).
package final class CStringArray {
    package private(set) var pointers: [UnsafeMutablePointer<CChar>?]

    package init(_ strings: [[UInt8]]) {
        pointers = strings.map { bytes in
            let string = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (index, byte) in bytes.enumerated() { string[index] = CChar(bitPattern: byte) }
            string[bytes.count] = 0
            return string
        }
        pointers.append(nil)
    }

    deinit {
        for pointer in pointers { pointer?.deallocate() }
    }
}
