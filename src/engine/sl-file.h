/* sl-file.h: writing files atomically, and the reason a file operation failed, in words. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes to a temporary file beside `path` and renames it over `path`, so a reader never sees
 * half a file. Errors are SL_ERROR_IO and read "Cannot write PATH: REASON". `length` -1 means
 * NUL-terminated. */
gboolean    sl_file_write_atomic (const char  *path,
                                  const char  *data,
                                  gssize       length,
                                  GError     **error);
/* The system's wording for a GFileError ("No such file or directory"), without the temporary
 * file names GLib's own messages carry. */
const char *sl_file_error_reason (const GError *error);

G_END_DECLS
