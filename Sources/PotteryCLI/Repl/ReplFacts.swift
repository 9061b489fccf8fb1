/// What help and the man page say of the REPL, in one place.
enum ReplFacts {
    static let notes = """
        A line is a command without the program name, split with shell-like quoting ('...', "...", \
        backslash). Tab completes structures, verbs, options and key names (SCAN MATCH on the typed \
        prefix); after a verb the rest of its synopsis is shown dimmed. help, help STRUCTURE, quit, exit \
        and Ctrl-D; a line whose first word is not pottery's but a server command (GET foo, config get \
        timeout) runs as pottery redis ...; an error prints one line and the session goes on; a negative answer that printed \
        nothing says so dimmed, in the verb's words ((status 1: the field is absent)); Ctrl-C abandons the line or the \
        waiting command, never the session. One connection serves the session (one the server dropped \
        while idle is replaced before the next line); a line of options alone \
        changes it: --url URL reconnects (the prompt shows the server, never a password), -r, -q, -s, -j \
        and --time toggle. History is kept in ~/.pottery_history (mode 0600; POTTERY_HISTFILE moves it, an \
        empty value turns it off); a line that carries a password (a URL with a password, -u, --url, \
        --master, AUTH) or starts with a blank is never stored. Locks acquired in the session are \
        released on leaving, and lock release KEY needs no token for them. Output longer than the \
        terminal goes through POTTERY_PAGER (default less -FRX; --no-pager toggles it).
        """
}
