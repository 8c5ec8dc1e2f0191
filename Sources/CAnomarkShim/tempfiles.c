/* Registry of temporary output files, removed by a signal handler. See include/anomark_tempfiles.h. */
#include "anomark_tempfiles.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOT_COUNT 1100 /* report --jobs is at most 1024, each job writes one file at a time */
#define PATH_LEN 4096

enum { FREE = 0, CLAIMED = 1, LIVE = 2 };

static struct {
    atomic_int state;
    char path[PATH_LEN];
} slots[SLOT_COUNT];

/* SIGINT, SIGTERM and SIGHUP: the signals whose handler removes the temporary files. */
static void cleanup_signals(sigset_t *set) {
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
}

/* Blocks the three cleanup signals in the calling thread; `old` receives the previous mask. */
static void block_signals(sigset_t *old) {
    sigset_t set;
    cleanup_signals(&set);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

static void restore_signals(const sigset_t *old) { pthread_sigmask(SIG_SETMASK, old, NULL); }

int anomark_tempfile_create(char *path_template, int *slot) {
    *slot = -1;
    size_t length = strlen(path_template);
    if (length >= PATH_LEN) {
        errno = ENAMETOOLONG;
        return -1;
    }
    sigset_t old;
    block_signals(&old);
    int fd = mkstemp(path_template);
    if (fd >= 0) {
        for (int i = 0; i < SLOT_COUNT; i++) {
            int expected = FREE;
            if (atomic_compare_exchange_strong(&slots[i].state, &expected, CLAIMED)) {
                memcpy(slots[i].path, path_template, length + 1);
                atomic_store(&slots[i].state, LIVE);
                *slot = i;
                break;
            }
        }
    }
    int saved = errno;
    restore_signals(&old);
    errno = saved;
    return fd;
}

int anomark_tempfile_commit(int slot, const char *temporary, const char *destination) {
    sigset_t old;
    block_signals(&old);
    int result = rename(temporary, destination);
    int saved = errno;
    if (slot >= 0 && slot < SLOT_COUNT) atomic_store(&slots[slot].state, FREE);
    restore_signals(&old);
    errno = saved;
    return result;
}

void anomark_tempfile_discard(int slot, const char *temporary) {
    sigset_t old;
    block_signals(&old);
    int saved = errno;
    unlink(temporary);
    if (slot >= 0 && slot < SLOT_COUNT) atomic_store(&slots[slot].state, FREE);
    restore_signals(&old);
    errno = saved;
}

/* Async-signal-safe: atomic loads, unlink, signal, raise. The signal stays blocked while this runs (no
 * SA_NODEFER), so the re-raised one is delivered with the default action as soon as the handler returns. */
static void cleanup_handler(int sig) {
    int saved = errno;
    for (int i = 0; i < SLOT_COUNT; i++) {
        if (atomic_load(&slots[i].state) == LIVE) unlink(slots[i].path);
    }
    signal(sig, SIG_DFL);
    raise(sig);
    errno = saved;
}

void anomark_tempfiles_install_handlers(void) {
    const int cleanup[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof cleanup / sizeof cleanup[0]; i++) {
        struct sigaction current;
        if (sigaction(cleanup[i], NULL, &current) == 0 && current.sa_handler == SIG_IGN) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = cleanup_handler;
        cleanup_signals(&action.sa_mask);
        sigaction(cleanup[i], &action, NULL);
    }
    /* A parent that spawned us with these signals blocked (threads of test runners often do) would leave the
     * handler unreachable: the run could then not be interrupted at all. */
    sigset_t set;
    cleanup_signals(&set);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    signal(SIGXFSZ, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
}
