/*
 * Temporary output files that a signal must not leave behind.
 *
 * Anomark writes an output by creating a temporary file beside it and renaming it into place. If SIGINT,
 * SIGTERM or SIGHUP arrives in between, the handler installed by anomark_tempfiles_install_handlers removes
 * every temporary file still registered, restores the signal's default action and re-raises it, so the shell
 * sees the usual status (130, 143, 129) and no `.name.tmp-XXXXXX` stays behind.
 *
 * The registry is a fixed table of slots (no allocation, no locks), so the handler only calls
 * async-signal-safe functions (unlink, signal, raise). Creation, commit and discard block the three signals
 * while they change a slot, so the handler never sees a half-written path, and a renamed file is never
 * unlinked. Threads may create and commit temporary files concurrently.
 */
#ifndef ANOMARK_TEMPFILES_H
#define ANOMARK_TEMPFILES_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Creates a temporary file from `path_template` (ending in XXXXXX, rewritten in place like mkstemp) with mode
 * 0600 and registers it. Returns the open descriptor and sets *slot (-1 when the table was full: the file then
 * exists unregistered), or returns -1 with errno set. The path must be shorter than 4096 bytes.
 */
int anomark_tempfile_create(char *path_template, int *slot);

/* Renames the registered temporary file to `destination` and forgets it. Returns rename's result (errno set). */
int anomark_tempfile_commit(int slot, const char *temporary, const char *destination);

/* Removes the temporary file and forgets it. */
void anomark_tempfile_discard(int slot, const char *temporary);

/*
 * Installs the cleanup handler for SIGINT, SIGTERM and SIGHUP (a signal already ignored, as under nohup, stays
 * ignored) and ignores SIGXFSZ and SIGPIPE, so that a file size limit (`ulimit -f`) or a reader that went away
 * becomes a write error (EFBIG, EPIPE) the caller reports, instead of a silent death. Call once, early.
 */
void anomark_tempfiles_install_handlers(void);

#ifdef __cplusplus
}
#endif

#endif
