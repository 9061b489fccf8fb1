import PotteryCore
import PotteryJSON
import PotteryProcess
import RedisClient

#if canImport(Glibc)
    import Glibc
#endif

/// `pottery doctor`: why it does not work, and whether it is safe. Which URL is used and where it
/// came from; the server (name, version, round trip); TLS; a cluster's state and slot coverage;
/// for each quorum master whether it answers, its round trip, its clock against ours, and the
/// persistence the fencing token and Redlock's safety rest on (`appendonly`, `appendfsync`, `save`:
/// Redis' distlock page). Text, or one JSON object with `--json`; status 0 when the server and a
/// quorum of masters answer, 3 otherwise. Warnings (no persistence, a drifting clock) are said and
/// change no status.
enum DoctorHandler {
    /// One line of the report: its name, what was found, whether it is a problem or a warning.
    struct Finding {
        var name: String
        var text: String
        var json: String
        var problem = false
        var warnings: [String] = []
        /// One master's: in JSON, an element of `masters.each` rather than a member of its own.
        var isMaster = false
    }

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let settings = context.settings
        let session = context.session
        let environment = session.environment
        let url = settings.resolvedURL(environment)
        let shown = Settings.redacted(url)
        let origin = settings.urlOrigin(environment)
        var findings = [
            Finding(
                name: "url", text: "\(shown) (\(origin))",
                json:
                    "{\"url\": \(JSON.encodeString(shown)), \"from\": \(JSON.encodeString(origin))}"
            )
        ]
        findings.append(server(context, url: url))
        findings.append(tls(context, url: url))
        if let cluster = cluster(context) { findings.append(cluster) }
        findings += masters(context)
        let problems = findings.filter(\.problem).count
        if context[DoctorTable.json] {
            let each = findings.filter(\.isMaster).map(\.json).joined(separator: ", ")
            let body = findings.filter { !$0.isMaster }.map { finding in
                let json =
                    finding.name == "masters" && finding.json.hasSuffix("}")
                    ? finding.json.dropLast() + ", \"each\": [\(each)]}" : Substring(finding.json)
                return "\(JSON.encodeString(finding.name)): \(json)"
            }
            let warnings = findings.flatMap(\.warnings).map(JSON.encodeString)
            try context.out.writeLine(
                "{" + body.joined(separator: ", ") + ", \"warnings\": [\(warnings.joined(separator: ", "))], "
                    + "\"ok\": \(problems == 0)}")
        } else {
            for finding in findings {
                try context.out.writeLine("\(finding.name): \(finding.text)")
                for warning in finding.warnings { try context.out.writeLine("  warning: \(warning)") }
            }
            try context.out.writeLine(problems == 0 ? "ok" : "not ok: \(problems) problem(s) above")
        }
        guard problems == 0 else {
            // As every failure: one line on stderr, after the report.
            try context.out.flush()
            let said = findings.filter(\.problem).map { "\($0.name): \($0.text)" }.joined(separator: "; ")
            context.session.err.writeLine("pottery: doctor: \(said)")
            return .redis
        }
        return .success
    }

    private static func server(_ context: CommandContext, url: String) -> Finding {
        do {
            let redis = try context.connection()
            let info = try RedisKeyspace(redis: redis).server()
            let ping = try roundTrip(redis)
            return Finding(
                name: "server", text: "\(info), round trip \(milliseconds(ping)) ms",
                json: "{\"ok\": true, \"name\": \(JSON.encodeString(info.name)), "
                    + "\"version\": \(JSON.encodeString(info.version)), \"ping_ms\": \(milliseconds(ping))}")
        } catch {
            context.session.disconnect()
            let why = ErrorRenderer.reason(error)
            return Finding(
                name: "server", text: "does not answer (\(why))",
                json: "{\"ok\": false, \"error\": \(JSON.encodeString(why))}", problem: true)
        }
    }

    private static func tls(_ context: CommandContext, url: String) -> Finding {
        let options = context.settings.tlsOptions(context.session.environment)
        guard let parsed = try? RedisURL(parsing: url), options.applies(to: parsed) else {
            return Finding(name: "tls", text: "off", json: "{\"on\": false}")
        }
        let verified = options.verify
        var text = verified ? "on, certificate and name verified" : "on, NOT verified (--insecure)"
        var json = "{\"on\": true, \"verified\": \(verified)"
        var warnings: [String] = []
        if !verified {
            warnings.append("--insecure: anyone between here and the server can read and change everything")
        }
        if let certificate = (try? context.connection())?.peerCertificate {
            let end = CertificateExpiry(certificate, now: Int64(time(nil)))
            text +=
                "; certificate \(certificate.commonName.isEmpty ? "(no name)" : certificate.commonName), \(end)"
            json +=
                ", \"certificate\": {\"common_name\": \(JSON.encodeString(certificate.commonName)), "
                + "\"not_after\": \(JSON.encodeString(end.timestamp)), \"days_left\": \(end.daysLeft)}"
            if let warning = end.warning { warnings.append(warning) }
        }
        return Finding(name: "tls", text: text, json: json + "}", warnings: warnings)
    }

    /// A cluster's state and slot coverage (CLUSTER INFO), when the server is one.
    private static func cluster(_ context: CommandContext) -> Finding? {
        guard let redis = try? context.connection(), redis.isCluster else { return nil }
        guard let reply = try? redis.call(strings: ["CLUSTER", "INFO"]), let bytes = reply.bytes else {
            return Finding(
                name: "cluster", text: "CLUSTER INFO refused", json: "{\"ok\": false}", problem: true)
        }
        var fields: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        let state = fields["cluster_state"] ?? "unknown"
        let slots = Int(fields["cluster_slots_ok"] ?? "") ?? 0
        let masters = fields["cluster_size"] ?? "?"
        let ok = state == "ok" && slots == 16384
        return Finding(
            name: "cluster", text: "\(state), \(slots) of 16384 slots served, \(masters) masters",
            json: "{\"ok\": \(ok), \"state\": \(JSON.encodeString(state)), \"slots_ok\": \(slots)}",
            problem: !ok)
    }

    /// Each quorum master: whether it answers, its round trip, its clock, its persistence.
    private static func masters(_ context: CommandContext) -> [Finding] {
        let session = context.session
        let urls = context.settings.resolvedMasters(session.environment)
        let connections: [Result<RedisConnection, RedisError>]
        do {
            connections = try session.masters(for: context.settings)
        } catch {
            let why = ErrorRenderer.reason(error)
            return [
                Finding(
                    name: "masters", text: why, json: "{\"ok\": false, \"error\": \(JSON.encodeString(why))}",
                    problem: true)
            ]
        }
        var findings: [Finding] = []
        var answering = 0
        for (url, connection) in zip(urls, connections) {
            let shown = Settings.redacted(url)
            switch connection {
            case .failure(let error):
                let why = ErrorRenderer.reason(error)
                findings.append(
                    Finding(
                        name: "master \(shown)", text: "does not answer (\(why))",
                        json:
                            "{\"url\": \(JSON.encodeString(shown)), \"ok\": false, \"error\": \(JSON.encodeString(why))}",
                        isMaster: true))
            case .success(let redis):
                answering += 1
                findings.append(master(redis, shown: shown))
            }
        }
        let needed = urls.count / 2 + 1
        let ok = answering >= needed
        findings.insert(
            Finding(
                name: "masters", text: "\(answering) of \(urls.count) answer, \(needed) needed for a quorum",
                json:
                    "{\"ok\": \(ok), \"answering\": \(answering), \"count\": \(urls.count), \"needed\": \(needed)}",
                problem: !ok), at: 0)
        return findings
    }

    private static func master(_ redis: RedisConnection, shown: String) -> Finding {
        var parts: [String] = []
        var json: [String] = ["\"url\": \(JSON.encodeString(shown))", "\"ok\": true"]
        var warnings: [String] = []
        if let ping = try? roundTrip(redis) {
            parts.append("round trip \(milliseconds(ping)) ms")
            json.append("\"ping_ms\": \(milliseconds(ping))")
        }
        if let drift = clockDrift(redis) {
            let signed = (drift < 0 ? "-" : "") + milliseconds(abs(drift))
            parts.append("clock \(drift < 0 ? "" : "+")\(signed) ms from ours")
            json.append("\"clock_drift_ms\": \(signed)")
            if abs(drift) > 1 {
                warnings.append(
                    "\(shown): its clock is \(milliseconds(abs(drift))) ms from ours; leases are timed by each master's clock"
                )
            }
        }
        var persistence: [String: String] = [:]
        for name in ["appendonly", "appendfsync", "save"] {
            guard case .array(let pair?)? = try? redis.call(strings: ["CONFIG", "GET", name]),
                pair.count == 2,
                let value = pair[1].bytes
            else { continue }
            persistence[name] = String(decoding: value, as: UTF8.self)
        }
        if persistence.isEmpty {
            parts.append("persistence unknown (CONFIG GET refused)")
            json.append("\"persistence\": null")
        } else {
            let appendonly = persistence["appendonly"] ?? "?"
            let fsync = persistence["appendfsync"] ?? "?"
            let save = persistence["save"] ?? "?"
            parts.append("appendonly \(appendonly), appendfsync \(fsync), save \"\(save)\"")
            json.append(
                "\"persistence\": {\"appendonly\": \(JSON.encodeString(appendonly)), "
                    + "\"appendfsync\": \(JSON.encodeString(fsync)), \"save\": \(JSON.encodeString(save))}")
            if appendonly != "yes" {
                warnings.append(
                    "\(shown): appendonly \(appendonly): after a restart it forgets locks and fencing counters "
                        + (save.isEmpty ? "entirely" : "since its last snapshot")
                        + "; keep it out for a TTL after a restart (Redis' distlock page), or use appendonly yes"
                )
            } else if fsync != "always" {
                warnings.append(
                    "\(shown): appendfsync \(fsync): a crash may lose the last second of locks and fencing counters"
                )
            }
        }
        return Finding(
            name: "master \(shown)", text: "answers, " + parts.joined(separator: ", "),
            json: "{" + json.joined(separator: ", ") + "}", warnings: warnings, isMaster: true)
    }

    /// The best of three PING round trips, in seconds.
    private static func roundTrip(_ redis: RedisConnection) throws -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = Redlock.monotonicNow()
            _ = try redis.call(strings: ["PING"])
            best = min(best, Redlock.monotonicNow() - start)
        }
        return best
    }

    /// The server's clock (TIME) minus ours at the middle of the exchange, in seconds.
    private static func clockDrift(_ redis: RedisConnection) -> Double? {
        let before = wallClock()
        guard case .array(let parts?)? = try? redis.call(strings: ["TIME"]), parts.count == 2,
            let seconds = parts[0].bytes.flatMap({ Double(String(decoding: $0, as: UTF8.self)) }),
            let micros = parts[1].bytes.flatMap({ Double(String(decoding: $0, as: UTF8.self)) })
        else { return nil }
        let after = wallClock()
        return seconds + micros / 1e6 - (before + after) / 2
    }

    private static func wallClock() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Seconds as milliseconds with three decimals.
    private static func milliseconds(_ seconds: Double) -> String { Dispatcher.milliseconds(seconds * 1000) }
}
