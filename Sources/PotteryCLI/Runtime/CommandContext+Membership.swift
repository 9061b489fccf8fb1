import PotteryCore

extension CommandContext {
    /// `contains-many`: streams the values of `source` through a checker that `make` builds
    /// around the printer, each answer printed as it comes; an answer that cannot be printed
    /// stops the checker and is the error thrown.
    func printMembership<Checker: MembershipChecker>(
        of source: ValueSource, as element: ([UInt8]) -> Checker.Element,
        _ make: (_ onAnswer: @escaping (Bool) throws(PotteryError) -> Void) -> Checker
    ) throws {
        let printer = self.printer
        var outputFailure: CLIError?
        let checker = make { (holds) throws(PotteryError) in
            do throws(CLIError) { try printer.printBool(holds) } catch {
                outputFailure = error
                throw PotteryError(.invalidValue, error.message)
            }
        }
        do {
            try forEachValue(source) { try checker.check(element($0)) }
            try checker.finish()
        } catch {
            checker.abort()
            throw outputFailure ?? error
        }
    }
}
