/// Arguments that many verbs share.
enum CommonArguments {
    static let key = Argument.key()
    static let valuesOrStdin = Argument.valuesOrStdin("V", "values, or - to read NDJSON from standard input")
    static let values = Argument.values("V", "values")
    static let value = Argument.value("V", "a value")
}
