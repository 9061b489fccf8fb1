#define _GNU_SOURCE
#include "pottery_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* Closes every descriptor from `low` up except `keep` (-1: none). close_range where the kernel has
   it (5.9), else one close per possible number up to the soft limit (capped). */
static void close_from_except(int low, int keep) {
    if (keep < low) {
        if (close_range((unsigned)low, ~0U, 0) == 0) return;
    } else if ((keep == low || close_range((unsigned)low, (unsigned)keep - 1, 0) == 0) &&
               close_range((unsigned)keep + 1, ~0U, 0) == 0) {
        return;
    }
    struct rlimit limit;
    long top = 65536;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && (long)limit.rlim_cur < top)
        top = (long)limit.rlim_cur;
    for (long fd = low; fd < top; fd++)
        if (fd != keep) close((int)fd);
}

static int move_to(int fd, int target) {
    if (fd == target) return fcntl(fd, F_SETFD, 0) < 0 ? -1 : 0; /* keep it across exec */
    return dup2(fd, target) < 0 ? -1 : 0;
}

/* The child between fork and exec: async-signal-safe calls only; reports a failure's errno. */
static void become_child(const pottery_spawn_request *request, pid_t parent, int report) {
    int failure = 0;
    setpgid(0, 0);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) failure = errno;
    /* The parent may have died between fork and prctl: then nobody would kill us. */
    if (failure == 0 && getppid() != parent) _exit(127);
    /* Every signal is blocked here (SIGTTOU included), so asking for the foreground cannot stop us. */
    if (failure == 0 && request->terminal_fd >= 0) (void)tcsetpgrp(request->terminal_fd, getpid());
    if (failure == 0 && request->stdin_fd == -2) {
        int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null < 0 || move_to(null, 0) != 0) failure = errno;
    } else if (failure == 0 && request->stdin_fd >= 0 && move_to(request->stdin_fd, 0) != 0) {
        failure = errno;
    }
    if (failure == 0 && request->stdout_fd >= 0 && move_to(request->stdout_fd, 1) != 0) failure = errno;
    if (failure == 0) {
        close_from_except(3, report);
        struct sigaction action = {0};
        action.sa_handler = SIG_DFL;
        sigemptyset(&action.sa_mask);
        for (int signal = 1; signal < NSIG; signal++)
            if (sigismember(request->to_default, signal) == 1) (void)sigaction(signal, &action, NULL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execvpe(request->argv[0], request->argv, request->envp);
        failure = errno;
    }
    while (write(report, &failure, sizeof failure) < 0 && errno == EINTR) {}
    _exit(127);
}

/* A close-on-exec pipe whose ends are 3 or above, so that neither can stand in for a closed
   standard stream nor be replaced by the child's dup2 onto 0-2. */
static int pipe_above_stdio(int ends[2]) {
    if (pipe2(ends, O_CLOEXEC) != 0) return errno;
    for (int index = 0; index < 2; index++) {
        if (ends[index] >= 3) continue;
        int moved = fcntl(ends[index], F_DUPFD_CLOEXEC, 3);
        int failure = errno;
        close(ends[index]);
        ends[index] = moved;
        if (moved < 0) {
            if (ends[1 - index] >= 0) close(ends[1 - index]);
            return failure;
        }
    }
    return 0;
}

int pottery_spawn(const pottery_spawn_request *request, pid_t *pid) {
    int report[2];
    int made = pipe_above_stdio(report);
    if (made != 0) return made;
    /* No handler of ours may run in the child before its dispositions are reset. */
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t parent = getpid();
    /* The child shares our memory until it executes: it touches nothing of ours but reads, and its
       own stack frames below ours; every signal is blocked until it reset the dispositions. */
    pid_t child = vfork();
    if (child == 0) {
        close(report[0]);
        become_child(request, parent, report[1]);
    }
    int failure = child < 0 ? errno : 0;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(report[1]);
    if (child > 0) {
        /* Our side of setpgid too, so the group exists whichever of us runs first. */
        setpgid(child, child);
        int reported = 0;
        ssize_t count;
        while ((count = read(report[0], &reported, sizeof reported)) < 0 && errno == EINTR) {}
        if (count == (ssize_t)sizeof reported) {
            failure = reported;
            while (waitpid(child, NULL, 0) < 0 && errno == EINTR) {}
        }
    }
    close(report[0]);
    if (failure == 0) *pid = child;
    return failure;
}

struct guard_arguments {
    pid_t group;
    int read_end;
};

/* The guardian shares our memory, our thread's errno included (no TLS of its own): every call that
   could fail and set errno (setpgid, close_range) happens before the caller goes on, which it does
   when the guardian closed its copy of the `ready` pipe (with every descriptor but its read end).
   Afterwards the guardian only reads, then kills after the caller has died. */

/* The guardian, on its own stack in the caller's memory: system calls only. */
static int guard(void *raw) {
    struct guard_arguments arguments = *(struct guard_arguments *)raw;
    /* Out of the caller's group, so a signal to that whole group (kill -9 -PGID) does not take the
       guardian too. Signals stay blocked: only SIGKILL (and SIGSTOP) reach it. */
    setpgid(0, 0);
    close_from_except(0, arguments.read_end);
    char byte;
    ssize_t count;
    while ((count = read(arguments.read_end, &byte, 1)) < 0 && errno == EINTR) {}
    if (count == 0) kill(-arguments.group, SIGKILL);
    _exit(0);
}

int pottery_guard(pid_t group, pottery_guardian *guardian) {
    int ends[2], ready[2];
    int made = pipe_above_stdio(ends);
    if (made != 0) return made;
    made = pipe_above_stdio(ready);
    if (made != 0) {
        close(ends[0]);
        close(ends[1]);
        return made;
    }
    size_t size = 64 * 1024;
    void *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        int failure = errno;
        close(ends[0]);
        close(ends[1]);
        close(ready[0]);
        close(ready[1]);
        return failure;
    }
    /* Read by the guardian before the caller can return: it lives at the top of the new stack. */
    struct guard_arguments *arguments = (struct guard_arguments *)((char *)stack + size) - 1;
    arguments->group = group;
    arguments->read_end = ends[0];
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t child = clone(guard, (void *)arguments, CLONE_VM | SIGCHLD, arguments);
    int failure = child < 0 ? errno : 0;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(ends[0]);
    close(ready[1]);
    if (failure == 0) {
        char byte;
        while (read(ready[0], &byte, 1) < 0 && errno == EINTR) {}
    }
    close(ready[0]);
    if (failure != 0) {
        close(ends[1]);
        munmap(stack, size);
        return failure;
    }
    guardian->pid = child;
    guardian->write_end = ends[1];
    guardian->stack = stack;
    guardian->stack_size = size;
    return 0;
}

void pottery_guard_dismiss(pottery_guardian *guardian) {
    char byte = 1;
    /* MSG_NOSIGNAL is for sockets: a guardian that is gone already means EPIPE, and SIGPIPE is
       blocked around the write so that it cannot kill us. */
    sigset_t pipe_signal, previous;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
    ssize_t written;
    while ((written = write(guardian->write_end, &byte, 1)) < 0 && errno == EINTR) {}
    if (written < 0 && errno == EPIPE && !sigismember(&previous, SIGPIPE)) {
        struct timespec now = {0, 0};
        while (sigtimedwait(&pipe_signal, NULL, &now) < 0 && errno == EINTR) {}
    }
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(guardian->write_end);
    while (waitpid(guardian->pid, NULL, 0) < 0 && errno == EINTR) {}
    /* Only now: the guardian ran on this stack until it exited. */
    munmap(guardian->stack, guardian->stack_size);
}

void pottery_stop_self(int signal) {
    struct sigaction stop = {0}, previous;
    stop.sa_handler = SIG_DFL;
    sigemptyset(&stop.sa_mask);
    sigaction(signal, &stop, &previous);
    sigset_t only, mask;
    sigemptyset(&only);
    sigaddset(&only, signal);
    pthread_sigmask(SIG_UNBLOCK, &only, &mask);
    kill(getpid(), signal);
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
    sigaction(signal, &previous, NULL);
}

int pottery_set_subreaper(int on) {
    return prctl(PR_SET_CHILD_SUBREAPER, (unsigned long)(on != 0), 0, 0, 0) == 0 ? 0 : errno;
}
