#include "pottery_readline.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* Types only: every function and variable is looked up at run time. */
#include <readline/history.h>
#include <readline/readline.h>

static struct {
    int loaded;
    char failure[200];
    const char **readline_name;
    int *catch_signals, *catch_sigwinch, *change_environment;
    FILE **instream, **outstream;
    char **line_buffer;
    int *point, *end;
    rl_voidfunc_t **redisplay_function;
    int *history_base, *history_length;
    int (*initialize)(void);
    int (*bind_key)(int, rl_command_func_t *);
    void (*redisplay)(void);
    int (*forced_update_display)(void);
    void (*handler_install)(const char *, rl_vcpfunc_t *);
    void (*handler_remove)(void);
    void (*read_char)(void);
    void (*sigcleanup)(void);
    void (*free_line_state)(void);
    int (*ding)(void);
    int (*begin_undo_group)(void);
    int (*end_undo_group)(void);
    int (*delete_text)(int, int);
    int (*insert_text)(const char *);
    void (*display_match_list)(char **, int, int);
    void (*get_screen_size)(int *, int *);
    int (*newline)(int, int);
    void (*replace_line)(const char *, int);
    void (*using_history)(void);
    void (*stifle_history)(int);
    void (*add_history)(const char *);
    HIST_ENTRY *(*history_get)(int);
} rl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

#define LOOKUP(field, name)                                                                             \
    do {                                                                                                \
        *(void **)(&rl.field) = dlsym(handle, name);                                                    \
        if (!rl.field) {                                                                                \
            snprintf(rl.failure, sizeof rl.failure, "libreadline has no %s", name);                     \
            return;                                                                                     \
        }                                                                                               \
    } while (0)

static void load(void) {
    void *handle = dlopen("libreadline.so.8", RTLD_NOW | RTLD_LOCAL);
    if (!handle) handle = dlopen("libreadline.so", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(rl.failure, sizeof rl.failure, "cannot load GNU readline (libreadline.so.8): install libreadline8");
        return;
    }
    LOOKUP(readline_name, "rl_readline_name");
    LOOKUP(catch_signals, "rl_catch_signals");
    LOOKUP(catch_sigwinch, "rl_catch_sigwinch");
    LOOKUP(change_environment, "rl_change_environment");
    LOOKUP(instream, "rl_instream");
    LOOKUP(outstream, "rl_outstream");
    LOOKUP(line_buffer, "rl_line_buffer");
    LOOKUP(point, "rl_point");
    LOOKUP(end, "rl_end");
    LOOKUP(redisplay_function, "rl_redisplay_function");
    LOOKUP(history_base, "history_base");
    LOOKUP(history_length, "history_length");
    LOOKUP(initialize, "rl_initialize");
    LOOKUP(bind_key, "rl_bind_key");
    LOOKUP(redisplay, "rl_redisplay");
    LOOKUP(forced_update_display, "rl_forced_update_display");
    LOOKUP(handler_install, "rl_callback_handler_install");
    LOOKUP(handler_remove, "rl_callback_handler_remove");
    LOOKUP(read_char, "rl_callback_read_char");
    LOOKUP(sigcleanup, "rl_callback_sigcleanup");
    LOOKUP(free_line_state, "rl_free_line_state");
    LOOKUP(ding, "rl_ding");
    LOOKUP(begin_undo_group, "rl_begin_undo_group");
    LOOKUP(end_undo_group, "rl_end_undo_group");
    LOOKUP(delete_text, "rl_delete_text");
    LOOKUP(insert_text, "rl_insert_text");
    LOOKUP(display_match_list, "rl_display_match_list");
    LOOKUP(get_screen_size, "rl_get_screen_size");
    LOOKUP(newline, "rl_newline");
    LOOKUP(replace_line, "rl_replace_line");
    LOOKUP(using_history, "using_history");
    LOOKUP(stifle_history, "stifle_history");
    LOOKUP(add_history, "add_history");
    LOOKUP(history_get, "history_get");
    rl.loaded = 1;
}

int prl_load(void) {
    pthread_once(&load_once, load);
    return rl.loaded ? 0 : -1;
}

const char *prl_load_error(void) { return rl.failure; }

void prl_configure(void) {
    *rl.readline_name = "pottery";
    *rl.catch_signals = 0;
    *rl.catch_sigwinch = 1;
    *rl.change_environment = 0;
}

void prl_use_stderr(void) { *rl.outstream = stderr; }
int prl_initialize(void) { return rl.initialize(); }
int prl_bind_key(int key, int (*function)(int, int)) { return rl.bind_key(key, function); }
void prl_set_redisplay(void (*function)(void)) { *rl.redisplay_function = function; }
void prl_redisplay(void) { rl.redisplay(); }
int prl_forced_update_display(void) { return rl.forced_update_display(); }
void prl_callback_handler_install(const char *prompt, void (*handler)(char *)) { rl.handler_install(prompt, handler); }
void prl_callback_handler_remove(void) { rl.handler_remove(); }
void prl_callback_read_char(void) { rl.read_char(); }
void prl_callback_sigcleanup(void) { rl.sigcleanup(); }
void prl_free_line_state(void) { rl.free_line_state(); }
char *prl_line(void) { return *rl.line_buffer; }
int prl_point(void) { return *rl.point; }
void prl_set_point(int point) { *rl.point = point; }
int prl_end(void) { return *rl.end; }
FILE *prl_out(void) { return *rl.outstream ? *rl.outstream : stdout; }
int prl_in_fd(void) { return fileno(*rl.instream ? *rl.instream : stdin); }
int prl_ding(void) { return rl.ding(); }
void prl_begin_undo_group(void) { rl.begin_undo_group(); }
void prl_end_undo_group(void) { rl.end_undo_group(); }
int prl_delete_text(int start, int end) { return rl.delete_text(start, end); }
int prl_insert_text(const char *text) { return rl.insert_text(text); }
void prl_display_match_list(char **matches, int count, int width) { rl.display_match_list(matches, count, width); }
void prl_get_screen_size(int *rows, int *columns) { rl.get_screen_size(rows, columns); }
int prl_newline(int count, int key) { return rl.newline(count, key); }
void prl_replace_line(const char *text, int clear_undo) { rl.replace_line(text, clear_undo); }
void prl_using_history(void) { rl.using_history(); }
void prl_stifle_history(int max) { rl.stifle_history(max); }
void prl_add_history(const char *line) { rl.add_history(line); }

const char *prl_history_last(void) {
    HIST_ENTRY *entry = rl.history_get(*rl.history_base + *rl.history_length - 1);
    return entry ? entry->line : NULL;
}
