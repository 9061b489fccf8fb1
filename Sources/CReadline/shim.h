#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/* readline's state is global C variables, which Swift 6 will not touch directly: small accessors. */

static inline char *pottery_rl_line(void) { return rl_line_buffer; }
static inline int pottery_rl_point(void) { return rl_point; }
static inline void pottery_rl_set_point(int point) { rl_point = point; }
static inline int pottery_rl_end(void) { return rl_end; }
static inline FILE *pottery_rl_out(void) { return rl_outstream ? rl_outstream : stdout; }
static inline int pottery_rl_in_fd(void) { return fileno(rl_instream ? rl_instream : stdin); }

/* No signal handlers of readline's own (the application's handle SIGINT, SIGTERM, SIGHUP), SIGWINCH
   kept, no LINES/COLUMNS written to the environment, inputrc's $if pottery. */
static inline void pottery_rl_configure(void) {
    rl_readline_name = "pottery";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 1;
    rl_change_environment = 0;
}

static inline void pottery_rl_set_redisplay(rl_voidfunc_t *function) { rl_redisplay_function = function; }

/* The newest history line, or NULL. */
static inline const char *pottery_history_last(void) {
    HIST_ENTRY *entry = history_get(history_base + history_length - 1);
    return entry ? entry->line : NULL;
}

/* Prompt and echo on standard error when standard output is not the terminal (pottery | jq). */
static inline void pottery_rl_use_stderr(void) { rl_outstream = stderr; }
