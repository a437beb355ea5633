/* sl-file.c: writing files so that a reader never sees half of one. */
#define G_LOG_DOMAIN "sl-file"

#include "config.h"

#include <errno.h>

#include "sl-error.h"
#include "sl-file.h"

/* GLib's file errors carry the temporary file's name and a sentence of their own; a person wants
 * the path they chose and the reason, so translate the code back to the system's wording. */
const char *
sl_file_error_reason (const GError *error)
{
  static const struct { GFileError code; int errnum; } table[] = {
    { G_FILE_ERROR_EXIST, EEXIST },
    { G_FILE_ERROR_ISDIR, EISDIR },
    { G_FILE_ERROR_ACCES, EACCES },
    { G_FILE_ERROR_NAMETOOLONG, ENAMETOOLONG },
    { G_FILE_ERROR_NOENT, ENOENT },
    { G_FILE_ERROR_NOTDIR, ENOTDIR },
    { G_FILE_ERROR_NXIO, ENXIO },
    { G_FILE_ERROR_NODEV, ENODEV },
    { G_FILE_ERROR_ROFS, EROFS },
    { G_FILE_ERROR_TXTBSY, ETXTBSY },
    { G_FILE_ERROR_FAULT, EFAULT },
    { G_FILE_ERROR_LOOP, ELOOP },
    { G_FILE_ERROR_NOSPC, ENOSPC },
    { G_FILE_ERROR_NOMEM, ENOMEM },
    { G_FILE_ERROR_MFILE, EMFILE },
    { G_FILE_ERROR_NFILE, ENFILE },
    { G_FILE_ERROR_BADF, EBADF },
    { G_FILE_ERROR_INVAL, EINVAL },
    { G_FILE_ERROR_PIPE, EPIPE },
    { G_FILE_ERROR_AGAIN, EAGAIN },
    { G_FILE_ERROR_INTR, EINTR },
    { G_FILE_ERROR_IO, EIO },
    { G_FILE_ERROR_PERM, EPERM },
    { G_FILE_ERROR_NOSYS, ENOSYS },
  };

  if (error->domain == G_FILE_ERROR)
    {
      for (guint i = 0; i < G_N_ELEMENTS (table); i++)
        if (table[i].code == (GFileError) error->code)
          return g_strerror (table[i].errnum);
    }

  return error->message;
}

gboolean
sl_file_write_atomic (const char  *path,
                      const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                 &local_error))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_IO, "Cannot write %s: %s",
                   path, sl_file_error_reason (local_error));
      return FALSE;
    }

  return TRUE;
}
