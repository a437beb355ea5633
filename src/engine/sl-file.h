/* sl-file.h: writing files atomically, writing a descriptor whole, and the reason a file
 * operation failed, in words. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes a file so that nothing that is not ours is destroyed and a reader never sees half of
 * it:
 * - a regular file (or a new one) is written to a temporary file beside it and renamed over it,
 *   at the end of its symbolic links (a whole chain, dangling ones too), which stay; the file
 *   keeps its permissions, and its owner and group where we may give them;
 * - a file that is already open as one of our descriptors (standard output or error redirected
 *   to it, /dev/fd/N, /proc/self/fd/N, /dev/stdout) is written through that descriptor, after
 *   what was written there before, never reopened or replaced;
 * - a device or a FIFO (a pipe) is written to directly and never replaced; a FIFO that no
 *   program reads from fails at once rather than waiting for a reader;
 * - a folder or a socket is refused.
 * Errors are SL_ERROR_IO and read "Cannot write PATH: REASON". `length` -1 means
 * NUL-terminated. */
gboolean    sl_file_write_atomic (const char  *path,
                                  const char  *data,
                                  gssize       length,
                                  GError     **error);
/* Checks before any work is done that sl_file_write_atomic() can write `path`, by creating and
 * removing a file beside it: an empty or too long name, a missing or read-only folder, or a file
 * system that takes no new files (/proc) fails here with the reason, as does a descriptor of
 * ours open for reading only. Any name the folder takes can be written: the temporary name is
 * short. */
gboolean    sl_file_check_writable (const char  *path,
                                    GError     **error);
/* Whether two paths name the same file, whether or not it exists yet: for files not there yet,
 * where each would be made, at the end of its symbolic links. */
gboolean    sl_file_same (const char *a,
                          const char *b);
/* Reads a whole file, NUL-terminated, but no more than `max_size` bytes: a device that never
 * ends (/dev/zero) or a huge file is refused once that much was read (SL_ERROR_INVALID_INPUT,
 * "it is larger than N MiB", for the caller to say what the file should have been), so that
 * reading costs memory in proportion to what the file can be. */
char       *sl_file_read_bounded (const char  *path,
                                  gsize        max_size,
                                  gsize       *length,
                                  GError     **error);
/* The same for a file that must be a regular one, as every document kept in a folder is:
 * anything else there (a FIFO, a device, a socket) is refused (SL_ERROR_INVALID_INPUT, "it is
 * not a regular file (a FIFO)") without waiting on it, so that a listing never hangs. */
char       *sl_file_read_regular (const char  *path,
                                  gsize        max_size,
                                  gsize       *length,
                                  GError     **error);
/* The system's wording for a GFileError ("No such file or directory"), without the temporary
 * file names GLib's own messages carry. */
const char *sl_file_error_reason (const GError *error);
/* SL_ERROR_IO, "WHAT: REASON": what could not be done (a translated format: "Cannot delete
 * %s") and why, in the system's words (g_strerror (errno)) or ours. Returns FALSE, so that a
 * caller can `return sl_file_set_io_error (...)`. */
gboolean    sl_file_set_io_error (GError     **error,
                                  const char  *reason,
                                  const char  *format,
                                  ...) G_GNUC_PRINTF (3, 4);

/* Writes all of `data` to `fd`, again after EINTR and after a short write. FALSE with errno
 * saying why when it cannot (EIO for a write that wrote nothing; EPIPE for a closed pipe, when
 * SIGPIPE is ignored). */
gboolean    sl_fd_write_all (int          fd,
                             const void  *data,
                             gsize        length);

G_END_DECLS
