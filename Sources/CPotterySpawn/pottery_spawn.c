#define _GNU_SOURCE
#include "pottery_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
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
    pid_t child = fork();
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

int pottery_guard(pid_t group, pid_t *guardian, int *write_end) {
    int ends[2];
    int made = pipe_above_stdio(ends);
    if (made != 0) return made;
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t child = fork();
    if (child == 0) {
        /* Signals stay blocked: only SIGKILL (and SIGSTOP) reach the guardian. Out of the caller's
           group, so a signal to that whole group (kill -9 -PGID) does not take the guardian too. */
        setpgid(0, 0);
        close_from_except(0, ends[0]);
        char byte;
        ssize_t count;
        while ((count = read(ends[0], &byte, 1)) < 0 && errno == EINTR) {}
        if (count == 0) kill(-group, SIGKILL);
        _exit(0);
    }
    int failure = child < 0 ? errno : 0;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(ends[0]);
    if (failure != 0) {
        close(ends[1]);
        return failure;
    }
    *guardian = child;
    *write_end = ends[1];
    return 0;
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
