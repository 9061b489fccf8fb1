import PotteryCLI

#if canImport(Glibc)
    import Glibc
#endif

exit(PotteryCommandLine.run(Array(CommandLine.arguments.dropFirst())))
