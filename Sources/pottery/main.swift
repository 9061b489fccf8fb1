import PotteryCLI

#if canImport(Glibc)
    import Glibc
#endif

exit(PotteryCommandLine.runProcess())
