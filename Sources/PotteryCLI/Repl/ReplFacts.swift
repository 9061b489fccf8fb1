/// What help and the man page say of the REPL, in one place.
enum ReplFacts {
    static let notes = """
        A line is a command without the program name, split with shell-like quoting ('...', "...", \
        backslash, and bash's $'...' with C escapes: $'a\\nb'). Tab completes structures, verbs, options \
        and key names (SCAN MATCH on the typed prefix), and the server's own commands (HGETA completes to HGETALL; \
        in capitals, or where no word of pottery's begins so); the rest of a verb's synopsis is shown \
        dimmed, and a server command's syntax where the server documents it (COMMAND DOCS). help, help \
        STRUCTURE [VERB], status (the server and whether it is connected, masters, modes, pager, history \
        file, locks held), quit, exit and Ctrl-D. A line whose first word is not pottery's but a server \
        command (GET foo, config get timeout) runs as pottery redis ...; COMMAND | PIPELINE pipes the \
        command's output into sh -c PIPELINE (the shell never sees the command's own words); N LINE runs \
        LINE N times, as redis-cli does, until one fails or Ctrl-C. An error prints one line, which \
        points at help in the REPL's words, and the session goes on; an unknown word gets a did you mean; \
        a negative answer that printed nothing says so dimmed, in the verb's words ((status 1: the field \
        is absent)); Ctrl-C abandons the line or the waiting command, never the session. One connection \
        serves the session, opened before the first prompt; the prompt says (not connected) while the \
        server cannot be reached; a connection the server closed is replaced before the next line, and \
        said; a read whose connection is lost before it printed anything is said and run once more (a \
        write never is). A line of options alone changes the session as those options change a command \
        line: --url URL (or connect HOST [PORT], as redis-cli's) and -p PROFILE reconnect, the prompt showing the server \
        but never a password; -r, -a, -q, --time and --pager turn on and --no-raw, --no-ascii, --no-quiet, \
        --no-time and --no-pager off; -s and -j set how values are read (--no-string, --no-json: back to \
        auto); --timeout S and --master URL... replace. History is kept in ~/.pottery_history (mode 0600; \
        POTTERY_HISTFILE moves it, an empty value turns it off); a line that carries a password (a URL \
        with a password, -u, --url, --master, AUTH, HELLO, MIGRATE) or starts with a blank is never \
        stored. Locks acquired in the session are released on leaving, and lock release KEY needs no \
        token for them. Output longer than the terminal goes through POTTERY_PAGER (default less -FRX), \
        except a stream (queue get --follow) and a line piped into the shell.
        """
}
