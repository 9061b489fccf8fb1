#ifndef POTTERY_SPAWN_H
#define POTTERY_SPAWN_H

#include <signal.h>
#include <sys/types.h>

/* Starts the child of `lock run` and `cache run` with fork and exec, because posix_spawn cannot ask
   the kernel to kill the child when pottery dies (PR_SET_PDEATHSIG). Between fork and exec the child
   makes only async-signal-safe calls. */

typedef struct {
    char *const *argv;        /* argv[0] is looked up in PATH unless it contains a slash (execvp) */
    char *const *envp;
    int stdin_fd;             /* dup2'd to 0; -1: keep ours; -2: /dev/null */
    int stdout_fd;            /* dup2'd to 1; -1: keep ours */
    int terminal_fd;          /* >= 0: the child makes its group this terminal's foreground group */
    const sigset_t *to_default; /* dispositions reset to SIG_DFL in the child (the others stay) */
} pottery_spawn_request;

/* vforks (the parent waits until the child has executed, and no page table is copied), and in the
   child: a process group of its own (its pid), PR_SET_PDEATHSIG SIGKILL (and an
   exit at once when the parent died before that took effect), the terminal's foreground when asked,
   the descriptors, every descriptor from 3 up closed, the dispositions, an empty signal mask, then
   execvpe. Call it from the thread that lives as long as the child runs (the main thread): the
   death signal comes when the forking THREAD ends. Returns 0 and the pid, or the errno of the
   failure (fork's, or exec's, reported back through a close-on-exec pipe; the child is reaped). */
int pottery_spawn(const pottery_spawn_request *request, pid_t *pid);

/* A guardian of a process group; see pottery_guard. */
typedef struct {
    pid_t pid;
    int write_end;
    void *stack;
    size_t stack_size;
} pottery_guardian;

/* Starts a guardian for process group `group`: a process in a group of its own, every signal
   blocked, no descriptor but the read end of a pipe whose write end (close-on-exec) only the caller
   holds. When that end closes without a byte written first (the caller died, even by SIGKILL), the
   guardian sends SIGKILL to `group`; after any byte it exits quietly. It shares the caller's memory
   (clone with CLONE_VM, on a small stack of its own, making system calls only), so starting it
   copies no page tables. Returns 0, or an errno. */
int pottery_guard(pid_t group, pottery_guardian *guardian);

/* Tells the guardian the caller is done with the group (it exits without killing anything), reaps
   it and frees its stack. */
void pottery_guard_dismiss(pottery_guardian *guardian);

/* Stops the calling process with `signal` (its disposition set to default and the signal unblocked
   for the moment, then both restored): returns once the process is continued (SIGCONT). */
void pottery_stop_self(int signal);

/* PR_SET_CHILD_SUBREAPER on (1) or off (0): orphaned descendants are then reparented to this
   process (so it can reap them) rather than to init. Returns 0 or an errno. */
int pottery_set_subreaper(int on);

#endif
