#ifndef POTTERY_READLINE_H
#define POTTERY_READLINE_H

#include <stdio.h>

/* GNU readline for the REPL, loaded with dlopen when the REPL starts, so that every other pottery
   process never loads libreadline and libtinfo (about 0.25 ms of each start otherwise). Each function
   is readline's of the same name without the prl_ prefix; prl_load must have succeeded first. */

/* 0 when readline is loaded, -1 otherwise (prl_load_error says why). */
int prl_load(void);
const char *prl_load_error(void);

/* No signal handlers of readline's own, SIGWINCH kept, no LINES/COLUMNS written to the environment,
   inputrc's $if pottery. */
void prl_configure(void);
/* Prompt and echo on standard error (when standard output is not the terminal). */
void prl_use_stderr(void);

int prl_initialize(void);
int prl_bind_key(int key, int (*function)(int, int));
void prl_set_redisplay(void (*function)(void));
void prl_redisplay(void);
int prl_forced_update_display(void);

void prl_callback_handler_install(const char *prompt, void (*handler)(char *));
void prl_callback_handler_remove(void);
void prl_callback_read_char(void);
void prl_callback_sigcleanup(void);
void prl_free_line_state(void);

char *prl_line(void);
int prl_point(void);
void prl_set_point(int point);
int prl_end(void);
FILE *prl_out(void);
int prl_in_fd(void);

int prl_ding(void);
void prl_begin_undo_group(void);
void prl_end_undo_group(void);
int prl_delete_text(int start, int end);
int prl_insert_text(const char *text);
void prl_display_match_list(char **matches, int count, int width);
void prl_get_screen_size(int *rows, int *columns);
int prl_newline(int count, int key);
void prl_replace_line(const char *text, int clear_undo);

void prl_using_history(void);
void prl_stifle_history(int max);
void prl_add_history(const char *line);
/* The newest history line, or NULL. */
const char *prl_history_last(void);

#endif
