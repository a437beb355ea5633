/* sl-file.c: writing files so that a reader never sees half of one, and descriptors whole. */
#define G_LOG_DOMAIN "sl-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
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

/* Where the bytes go. A regular file (or nothing yet) is replaced atomically, at the end of its
 * symbolic links; a device or a FIFO is written to as it is; a file that is already open as one
 * of our descriptors (standard output redirected to it, /dev/fd/N) is written through that
 * descriptor, after what was written there before. The last two are never replaced. */
typedef enum {
  TARGET_NEW,
  TARGET_REGULAR,
  TARGET_STREAM,
  TARGET_DESCRIPTOR,
} TargetKind;

typedef struct {
  TargetKind   kind;
  char        *resolved;  /* the file at the end of the links, or where it will be made */
  struct stat  st;        /* what is there; not for TARGET_NEW */
  int          fd;        /* TARGET_DESCRIPTOR: ours, never closed here */
} Target;

static void
target_clear (Target *target)
{
  g_clear_pointer (&target->resolved, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

/* The kernel's own bound on a chain of symbolic links (MAXSYMLINKS). */
#define MAX_LINK_HOPS 40

/* The temporary file written beside the target and renamed over it: short, so that any name the
 * folder takes, up to its longest, can be replaced. */
#define TEMP_TEMPLATE ".speedup-lab-XXXXXX"

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

/* Where a path that names no file yet would be made: at the end of its whole chain of symbolic
 * links (link → link → missing), as open (O_CREAT) and a shell redirection do. */
static char *
follow_dangling_links (const char  *path,
                       GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0;; hops++)
    {
      g_autoptr(GError) link_error = NULL;
      g_autofree char *target = NULL;
      struct stat lst;

      if (lstat (current, &lst) != 0 || !S_ISLNK (lst.st_mode))
        return g_steal_pointer (&current);
      if (hops == MAX_LINK_HOPS)
        {
          set_write_error (error, path, g_strerror (ELOOP));
          return NULL;
        }

      target = g_file_read_link (current, &link_error);
      if (target == NULL)
        {
          set_write_error (error, path, sl_file_error_reason (link_error));
          return NULL;
        }
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, target, NULL);
        }
      else
        {
          g_free (current);
          current = g_steal_pointer (&target);
        }
    }
}

/* The descriptor a path names by its number (/dev/fd/N, /proc/self/fd/N, /dev/stdout,
 * /dev/stderr), or -1. */
static int
descriptor_named (const char *path)
{
  static const char * const prefixes[] = { "/dev/fd/", "/proc/self/fd/" };
  guint64 n;

  if (g_str_equal (path, "/dev/stdout"))
    return STDOUT_FILENO;
  if (g_str_equal (path, "/dev/stderr"))
    return STDERR_FILENO;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (path, prefixes[i]) &&
        g_ascii_string_to_unsigned (path + strlen (prefixes[i]), 10, 0, G_MAXINT, &n, NULL))
      return (int) n;

  return -1;
}

/* One of our descriptors that is open on the file `st` describes: the one `path` names by
 * number, else standard output or standard error when redirected to it; -1 when none is.
 * Reopening such a file and renaming a new one over it would leave what was written through
 * the descriptor in a file that no longer has a name. */
static int
descriptor_open_on (const char        *path,
                    const struct stat *st)
{
  const int candidates[] = { descriptor_named (path), STDOUT_FILENO, STDERR_FILENO };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      struct stat fst;

      if (candidates[i] >= 0 && fstat (candidates[i], &fst) == 0 &&
          fst.st_dev == st->st_dev && fst.st_ino == st->st_ino)
        return candidates[i];
    }

  return -1;
}

/* Finds out what writing `path` would write to (see TargetKind). */
static gboolean
inspect_target (const char  *path,
                Target      *target,
                GError     **error)
{
  target->fd = -1;

  if (path[0] == '\0')
    return set_write_error (error, "“”", _("the file name is empty"));
  if (strlen (path) >= PATH_MAX)
    return set_write_error (error, _("a file"), _("its name is too long"));

  if (stat (path, &target->st) != 0)
    {
      if (errno != ENOENT)
        return set_write_error (error, path, g_strerror (errno));
      target->resolved = follow_dangling_links (path, error);
      target->kind = TARGET_NEW;
      return target->resolved != NULL;
    }

  if (S_ISDIR (target->st.st_mode))
    return set_write_error (error, path, _("it is a folder"));

  target->fd = descriptor_open_on (path, &target->st);
  if (target->fd >= 0)
    {
      target->resolved = g_strdup (path);
      target->kind = TARGET_DESCRIPTOR;
      return TRUE;
    }

  if (S_ISCHR (target->st.st_mode) || S_ISFIFO (target->st.st_mode) ||
      S_ISBLK (target->st.st_mode))
    {
      target->resolved = g_strdup (path);
      target->kind = TARGET_STREAM;
      return TRUE;
    }
  if (!S_ISREG (target->st.st_mode))
    return set_write_error (error, path, _("it is neither a file nor a device"));

  target->resolved = realpath (path, NULL);
  if (target->resolved == NULL)
    return set_write_error (error, path, g_strerror (errno));
  target->kind = TARGET_REGULAR;
  return TRUE;
}

gboolean
sl_file_check_writable (const char  *path,
                        GError     **error)
{
  g_auto(Target) target = { 0, };
  g_autofree char *dir = NULL;
  g_autofree char *probe = NULL;
  g_autofree char *name = NULL;
  long name_max;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!inspect_target (path, &target, error))
    return as_invalid_input (error);

  if (target.kind == TARGET_DESCRIPTOR)
    {
      int flags = fcntl (target.fd, F_GETFL);

      if (flags < 0 || (flags & O_ACCMODE) == O_RDONLY)
        return set_write_error (error, path, _("it is open for reading only")) ||
               as_invalid_input (error);
      return TRUE;
    }

  /* A device or FIFO is not opened here: opening a FIFO and closing it again would tell its
   * reader that the data has ended. */
  if (target.kind == TARGET_STREAM || target.kind == TARGET_REGULAR)
    {
      if (access (target.resolved, W_OK) != 0)
        return set_write_error (error, path, g_strerror (errno)) || as_invalid_input (error);
      if (target.kind == TARGET_STREAM)
        return TRUE;
    }

  /* The file is written beside itself and renamed: try exactly that, so that a missing or
   * read-only folder, a full disk's inode table or a file system like /proc that takes no new
   * files is found now, not after a long sweep. */
  dir = g_path_get_dirname (target.resolved);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf (_("folder %s does not exist"), dir);

      return set_write_error (error, path, message) || as_invalid_input (error);
    }
  name = g_path_get_basename (target.resolved);
  name_max = pathconf (dir, _PC_NAME_MAX);
  if (strlen (name) > (gsize) (name_max > 0 ? name_max : NAME_MAX))
    return set_write_error (error, path, g_strerror (ENAMETOOLONG)) || as_invalid_input (error);
  probe = g_build_filename (dir, TEMP_TEMPLATE, NULL);
  fd = g_mkstemp_full (probe, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_write_error (error, path, g_strerror (errno)) || as_invalid_input (error);
  close (fd);
  g_unlink (probe);

  return TRUE;
}

/* Where a path that names nothing yet would be made, in one spelling: the real path of the folder
 * at the end of its links, and the name there. */
static char *
canonical_new_path (const char *path)
{
  g_autofree char *final = follow_dangling_links (path, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *real_dir = NULL;
  g_autofree char *name = NULL;

  if (final == NULL)
    return NULL;

  dir = g_path_get_dirname (final);
  name = g_path_get_basename (final);
  real_dir = realpath (dir, NULL);

  return real_dir != NULL ? g_build_filename (real_dir, name, NULL) : NULL;
}

gboolean
sl_file_same (const char *a,
              const char *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;
  struct stat sa, sb;
  gboolean a_exists, b_exists;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  a_exists = stat (a, &sa) == 0;
  b_exists = stat (b, &sb) == 0;
  if (a_exists && b_exists)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  if (a_exists || b_exists)
    return FALSE;

  /* Neither is there yet: compare where each would be made, through dangling links too. */
  ca = canonical_new_path (a);
  cb = canonical_new_path (b);
  return ca != NULL && cb != NULL && g_str_equal (ca, cb);
}

/* A device, a FIFO or a descriptor of ours: written as it is. */
static gboolean
write_in_place (const char    *path,
                const Target  *target,
                const char    *data,
                gsize          length,
                GError       **error)
{
  gboolean ours = target->kind == TARGET_DESCRIPTOR;
  int fd = target->fd;
  int failure = 0;
  int flags;

  if (ours)
    {
      /* What was printed there through stdio comes first. */
      if (fd == STDOUT_FILENO)
        fflush (stdout);
      else if (fd == STDERR_FILENO)
        fflush (stderr);
    }
  else
    {
      /* Opened without waiting: a FIFO that no program reads would otherwise hold the open
       * forever. The writes then wait, as for any file. */
      fd = open (target->resolved, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
      if (fd < 0 && errno == ENXIO && S_ISFIFO (target->st.st_mode))
        return set_write_error (error, path, _("it is a FIFO that no program reads from"));
      if (fd < 0)
        return set_write_error (error, path, g_strerror (errno));
      flags = fcntl (fd, F_GETFL);
      if (flags < 0 || fcntl (fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
        failure = errno;
    }

  if (failure == 0 && !sl_fd_write_all (fd, data, length))
    failure = errno;
  if (!ours && close (fd) != 0 && failure == 0)
    failure = errno;

  return failure == 0 || set_write_error (error, path, g_strerror (failure));
}

/* Writes a temporary file beside the target and renames it over it, so that a reader sees the
 * old file or the new one, never half of one. A replaced file keeps its permissions, and its
 * owner and group as far as we may give them; a new one gets 0666 less the umask. */
static gboolean
replace_file (const char    *path,
              const Target  *target,
              const char    *data,
              gsize          length,
              GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (target->resolved);
  g_autofree char *temp = g_build_filename (dir, TEMP_TEMPLATE, NULL);
  gboolean replacing = target->kind == TARGET_REGULAR;
  int saved_errno;
  int fd;

  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_write_error (error, path, g_strerror (errno));

  /* Only a privileged process may give a file away; the group alone often works. Failing both,
   * the file is ours, as any file we make. */
  if (replacing && fchown (fd, target->st.st_uid, target->st.st_gid) != 0 &&
      fchown (fd, (uid_t) -1, target->st.st_gid) != 0)
    g_debug ("%s keeps neither its owner nor its group: %s", path, g_strerror (errno));

  /* As GLib's G_FILE_SET_CONTENTS_CONSISTENT: a file that existed is on disk before its
   * replacement takes its name. */
  if ((replacing && fchmod (fd, target->st.st_mode & 0777) != 0) ||
      !sl_fd_write_all (fd, data, length) ||
      (replacing && fsync (fd) != 0))
    goto failed;
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;
  if (rename (temp, target->resolved) != 0)
    goto failed;

  return TRUE;

failed:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (temp);
  return set_write_error (error, path, g_strerror (saved_errno));
}

gboolean
sl_file_write_atomic (const char  *path,
                      const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_auto(Target) target = { 0, };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (length < 0)
    length = (gssize) strlen (data);

  if (!inspect_target (path, &target, error))
    return FALSE;

  switch (target.kind)
    {
    case TARGET_DESCRIPTOR:
    case TARGET_STREAM:
      return write_in_place (path, &target, data, (gsize) length, error);
    case TARGET_NEW:
    case TARGET_REGULAR:
    default:
      return replace_file (path, &target, data, (gsize) length, error);
    }
}

/* Reads what `fd` holds, at most `max_size` bytes (see sl_file_read_bounded()), and closes it. A
 * regular file is read into one buffer of its size, never into a doubling one: reading costs
 * the file's size, not twice as much. */
static char *
read_fd_bounded (int          fd,
                 const char  *path,
                 gsize        max_size,
                 gsize       *length,
                 GError     **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  guint8 buffer[64 * 1024];
  struct stat st;
  gsize expected = 0;

  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0)
    expected = (gsize) MIN ((guint64) st.st_size, (guint64) max_size + 1);
  bytes = g_byte_array_sized_new ((guint) expected + 1);

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

char *
sl_file_read_bounded (const char  *path,
                      gsize        max_size,
                      gsize       *length,
                      GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      sl_file_set_io_error (error, g_strerror (errno), _("Cannot read %s"), path);
      return NULL;
    }

  return read_fd_bounded (fd, path, max_size, length, error);
}

char *
sl_file_read_regular (const char  *path,
                      gsize        max_size,
                      gsize       *length,
                      GError     **error)
{
  struct stat st;
  int fd;

  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. A regular file
   * reads the same with it. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
  if (fd < 0)
    {
      sl_file_set_io_error (error, g_strerror (errno), _("Cannot read %s"), path);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      sl_file_set_io_error (error, g_strerror (saved_errno), _("Cannot read %s"), path);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("it is not a regular file (%s)"),
                   S_ISFIFO (st.st_mode) ? _("a FIFO") :
                   S_ISDIR (st.st_mode) ? _("a folder") :
                   S_ISSOCK (st.st_mode) ? _("a socket") : _("a device"));
      return NULL;
    }

  return read_fd_bounded (fd, path, max_size, length, error);
}
