/* sl-file.c: writing files so that a reader never sees half of one, and descriptors whole. */
#define G_LOG_DOMAIN "sl-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

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

/* Where the bytes go: a regular file (or nothing yet) is replaced atomically at the end of its
 * symbolic links; a device or a FIFO is written to as it is, never replaced. */
typedef enum {
  TARGET_NEW,
  TARGET_REGULAR,
  TARGET_STREAM,
} TargetKind;

gboolean
sl_file_set_io_error (GError     **error,
                      const char  *reason,
                      const char  *format,
                      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SL_ERROR, SL_ERROR_IO, "%s: %s", what, reason);
  return FALSE;
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason)
{
  return sl_file_set_io_error (error, reason, _("Cannot write %s"), path);
}

gboolean
sl_fd_write_all (int         fd,
                 const void *data,
                 gsize       length)
{
  const guint8 *bytes = data;

  while (length > 0)
    {
      gssize n = write (fd, bytes, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return FALSE;
        }
      bytes += n;
      length -= (gsize) n;
    }

  return TRUE;
}

/* Found before anything ran: the person gave a path that cannot be written. */
static gboolean
as_invalid_input (GError **error)
{
  if (error != NULL && *error != NULL)
    (*error)->code = SL_ERROR_INVALID_INPUT;
  return FALSE;
}

/* Resolves `path` to what will be written: `resolved` is the file at the end of its links (or
 * `path` itself when nothing is there yet). */
static gboolean
inspect_target (const char  *path,
                TargetKind  *kind,
                char       **resolved,
                GError     **error)
{
  struct stat st;

  if (path[0] == '\0')
    return set_write_error (error, "“”", _("the file name is empty"));
  if (strlen (path) >= PATH_MAX)
    return set_write_error (error, _("a file"), _("its name is too long"));

  if (stat (path, &st) != 0)
    {
      struct stat lst;

      if (errno != ENOENT)
        return set_write_error (error, path, g_strerror (errno));
      /* A dangling symbolic link: write where it points, as a shell redirection would. */
      if (lstat (path, &lst) == 0 && S_ISLNK (lst.st_mode))
        {
          g_autofree char *target = g_file_read_link (path, NULL);

          if (target == NULL)
            return set_write_error (error, path, g_strerror (errno));
          if (!g_path_is_absolute (target))
            {
              g_autofree char *dir = g_path_get_dirname (path);

              *resolved = g_build_filename (dir, target, NULL);
            }
          else
            *resolved = g_steal_pointer (&target);
        }
      else
        *resolved = g_strdup (path);
      *kind = TARGET_NEW;
      return TRUE;
    }

  if (S_ISDIR (st.st_mode))
    return set_write_error (error, path, _("it is a folder"));
  if (S_ISCHR (st.st_mode) || S_ISFIFO (st.st_mode) || S_ISBLK (st.st_mode))
    {
      *resolved = g_strdup (path);
      *kind = TARGET_STREAM;
      return TRUE;
    }
  if (!S_ISREG (st.st_mode))
    return set_write_error (error, path, _("it is neither a file nor a device"));

  *resolved = realpath (path, NULL);
  if (*resolved == NULL)
    return set_write_error (error, path, g_strerror (errno));
  *kind = TARGET_REGULAR;
  return TRUE;
}

gboolean
sl_file_check_writable (const char  *path,
                        GError     **error)
{
  g_autofree char *resolved = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *probe = NULL;
  g_autofree char *name = NULL;
  TargetKind kind;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!inspect_target (path, &kind, &resolved, error))
    return as_invalid_input (error);

  /* A device or FIFO is not opened here: opening a FIFO and closing it again would tell its
   * reader that the data has ended. */
  if (kind == TARGET_STREAM)
    {
      if (access (resolved, W_OK) != 0)
        return set_write_error (error, path, g_strerror (errno)) || as_invalid_input (error);
      return TRUE;
    }

  if (kind == TARGET_REGULAR && access (resolved, W_OK) != 0)
    return set_write_error (error, path, g_strerror (errno)) || as_invalid_input (error);

  /* The file is written beside itself and renamed: try exactly that, so that a missing or
   * read-only folder, a full disk's inode table or a file system like /proc that takes no new
   * files is found now, not after a long sweep. */
  dir = g_path_get_dirname (resolved);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf (_("folder %s does not exist"), dir);

      return set_write_error (error, path, message) || as_invalid_input (error);
    }
  name = g_path_get_basename (resolved);
  if (strlen (name) > NAME_MAX)
    return set_write_error (error, path, g_strerror (ENAMETOOLONG)) || as_invalid_input (error);
  probe = g_build_filename (dir, ".speedup-lab-XXXXXX", NULL);
  fd = g_mkstemp_full (probe, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_write_error (error, path, g_strerror (errno)) || as_invalid_input (error);
  close (fd);
  g_unlink (probe);

  return TRUE;
}

gboolean
sl_file_same (const char *a,
              const char *b)
{
  g_autofree char *ra = NULL;
  g_autofree char *rb = NULL;
  struct stat sa, sb;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (stat (a, &sa) == 0 && stat (b, &sb) == 0)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;

  /* Not there yet: compare the folders they would be written to, and the names. */
  {
    g_autofree char *da = g_path_get_dirname (a);
    g_autofree char *db = g_path_get_dirname (b);
    g_autofree char *na = g_path_get_basename (a);
    g_autofree char *nb = g_path_get_basename (b);

    ra = realpath (da, NULL);
    rb = realpath (db, NULL);
    return ra != NULL && rb != NULL && g_str_equal (ra, rb) && g_str_equal (na, nb);
  }
}

static gboolean
write_stream (const char  *path,
              const char  *data,
              gsize        length,
              GError     **error)
{
  int fd = open (path, O_WRONLY | O_NOCTTY | O_CLOEXEC);

  if (fd < 0)
    return set_write_error (error, path, g_strerror (errno));

  if (!sl_fd_write_all (fd, data, length))
    {
      int saved_errno = errno;

      close (fd);
      return set_write_error (error, path, g_strerror (saved_errno));
    }

  if (close (fd) != 0)
    return set_write_error (error, path, g_strerror (errno));

  return TRUE;
}

gboolean
sl_file_write_atomic (const char  *path,
                      const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *resolved = NULL;
  TargetKind kind;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (length < 0)
    length = (gssize) strlen (data);

  if (!inspect_target (path, &kind, &resolved, error))
    return FALSE;

  if (kind == TARGET_STREAM)
    return write_stream (resolved, data, (gsize) length, error);

  if (!g_file_set_contents_full (resolved, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                 &local_error))
    return set_write_error (error, path, sl_file_error_reason (local_error));

  return TRUE;
}

char *
sl_file_read_bounded (const char  *path,
                      gsize        max_size,
                      gsize       *length,
                      GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[64 * 1024];
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      sl_file_set_io_error (error, g_strerror (errno), _("Cannot read %s"), path);
      return NULL;
    }

  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          sl_file_set_io_error (error, g_strerror (saved_errno), _("Cannot read %s"), path);
          return NULL;
        }
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > max_size)
        {
          close (fd);
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("it is larger than %zu MiB"), max_size / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (bytes, buffer, (guint) n);
    }
  close (fd);

  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}
