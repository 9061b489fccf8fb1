import PotteryProcess
import PotteryCore
import RedisClient
import Testing

@testable import PotteryCLI

@Suite struct ErrorRendererTests {
    @Test func potteryErrorsMapToTheirStatusClass() {
        let server = "redis://user:***@127.0.0.1:6379/0"
        let notJSON = PotteryError(
            .notJSON, "stored value is not JSON", key: Array("users".utf8), server: server)
        let (line, status) = ErrorRenderer.render(notJSON, context: "dict get users")
        #expect(status == .redis)
        #expect(line == "pottery: dict get users (\(server)): key users: stored value is not JSON")

        let invalid = PotteryError(.invalidValue, "cannot encode")
        #expect(ErrorRenderer.render(invalid, context: "dict set users").status == .usage)

        let wrongType = PotteryError(
            RedisError(kind: .server, code: "WRONGTYPE", message: "Operation against a key", server: server))
        let rendered = ErrorRenderer.render(wrongType, context: "set len users")
        #expect(rendered.status == .redis)
        #expect(rendered.line == "pottery: set len users (\(server)): WRONGTYPE Operation against a key")
    }
}
