/* sl-workloads-file.c: io-file: write, fsync and read back. */
#define G_LOG_DOMAIN "sl-workloads-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sl-checksum.h"
#include "sl-error.h"
#include "sl-file.h"
#include "sl-http-server.h"
#include "sl-i18n.h"
#include "sl-workloads-common.h"
#include "sl-workloads.h"

#define FILE_BLOCK (64 * 1024)

static const SlParamInfo io_file_params[] = {
  { "bytes", N_("File size"), SL_PARAM_INT, "262144", 1, 256.0 * 1024 * 1024, N_("bytes"),
    N_("Size of the file each task writes and reads back (in the folder of TMPDIR)"), 0 },
  { "fsync", N_("Flush to disk"), SL_PARAM_BOOL, "true", 0, 0, NULL,
    N_("Flush each file to the disk before reading it back"), 0 },
  { "dir", N_("Folder"), SL_PARAM_STRING, "", 0, 0, NULL,
    N_("The experiment's private temporary folder, set when the experiment starts"),
    SL_PARAM_FLAG_INTERNAL },
};

typedef struct {
  char    *folder;       /* private to this pool (or process), removed by release() */
  gint64   bytes;
  gboolean fsync;
  gint     next_worker;  /* atomic */
} FileShared;

typedef struct {
  char   *path;
  guint8 *block;
} FileWorker;

/* Removes a folder we created, with everything in it; never follows symbolic links. */
static void
remove_tree (const char *path)
{
  GStatBuf info;

  if (g_lstat (path, &info) != 0)
    return;

  if (S_ISDIR (info.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      if (g_rmdir (path) != 0)
        g_warning ("Could not remove the temporary folder %s: %s", path, g_strerror (errno));
    }
  else if (g_unlink (path) != 0 && errno != ENOENT)
    {
      g_warning ("Could not remove the temporary file %s: %s", path, g_strerror (errno));
    }
}

/* The experiment's folder outlives every pool: if a worker process is killed before its
 * release() runs, teardown still removes what it left. */
static gboolean
io_file_experiment_setup (SlParams  *params,
                          gpointer  *experiment_state,
                          GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  char *folder = g_dir_make_tmp ("speedup-lab-io-file-XXXXXX", &local_error);

  if (folder == NULL)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_IO,
                   _("Could not create a temporary folder for io-file in %s: %s"),
                   g_get_tmp_dir (), local_error->message);
      return FALSE;
    }

  sl_params_set (params, "dir", folder);
  *experiment_state = folder;
  return TRUE;
}

static void
io_file_experiment_teardown (gpointer experiment_state)
{
  g_autofree char *folder = experiment_state;

  if (folder != NULL)
    remove_tree (folder);
}

static gpointer
io_file_prepare (const SlParams *params,
                 GError        **error)
{
  const char *parent = sl_params_get_string (params, "dir");
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = NULL;
  FileShared *shared;

  if (parent[0] != '\0')
    {
      folder = g_build_filename (parent, "pool-XXXXXX", NULL);
      if (g_mkdtemp (folder) == NULL)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_IO, _("Could not create a folder in %s: %s"),
                       parent, g_strerror (errno));
          return NULL;
        }
    }
  else
    {
      folder = g_dir_make_tmp ("speedup-lab-io-file-XXXXXX", &local_error);
      if (folder == NULL)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_IO,
                       _("Could not create a temporary folder for io-file in %s: %s"),
                       g_get_tmp_dir (), local_error->message);
          return NULL;
        }
    }

  shared = g_new0 (FileShared, 1);
  shared->folder = g_steal_pointer (&folder);
  shared->bytes = sl_params_get_int (params, "bytes");
  shared->fsync = sl_params_get_bool (params, "fsync");
  return shared;
}

static void
io_file_release (gpointer data)
{
  FileShared *shared = data;

  remove_tree (shared->folder);
  g_free (shared->folder);
  g_free (shared);
}

static gpointer
io_file_worker_init (gpointer  data,
                     GError  **error)
{
  FileShared *shared = data;
  FileWorker *worker = g_new0 (FileWorker, 1);
  g_autofree char *name = g_strdup_printf ("worker-%d.dat",
                                           g_atomic_int_add (&shared->next_worker, 1));

  worker->path = g_build_filename (shared->folder, name, NULL);
  worker->block = g_malloc (FILE_BLOCK);
  return worker;
}

static void
io_file_worker_free (gpointer data)
{
  FileWorker *worker = data;

  g_unlink (worker->path);
  g_free (worker->path);
  g_free (worker->block);
  g_free (worker);
}

/* Writes the file of task `index` (page content, so expected() can know its checksum), flushes
 * it, reads it back and checksums what came back. */
static gboolean
io_file_run (gpointer      data,
             gpointer      local,
             const SlTask *task,
             guint64      *checksum,
             GError      **error)
{
  FileShared *shared = data;
  FileWorker *worker = local;
  guint64 total = (guint64) shared->bytes;
  guint64 state = SL_CHECKSUM_INIT;
  guint64 read_back = 0;
  int fd;

  fd = g_open (worker->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return sl_file_set_io_error (error, g_strerror (errno), _("Could not create %s"), worker->path);

  for (guint64 offset = 0; offset < total; offset += FILE_BLOCK)
    {
      gsize n = (gsize) MIN (FILE_BLOCK, total - offset);

      if (sl_cancelled (task))
        goto cancelled;
      sl_http_page_fill (task->index, offset, worker->block, n);
      if (!sl_fd_write_all (fd, worker->block, n))
        {
          int saved_errno = errno;
          close (fd);
          g_unlink (worker->path);
          return sl_file_set_io_error (error, g_strerror (saved_errno),
                                       _("Could not write %s"), worker->path);
        }
    }

  if (shared->fsync && fsync (fd) != 0)
    {
      int saved_errno = errno;
      close (fd);
      g_unlink (worker->path);
      return sl_file_set_io_error (error, g_strerror (saved_errno),
                                   _("Could not flush %s"), worker->path);
    }
  if (close (fd) != 0)
    {
      g_unlink (worker->path);
      return sl_file_set_io_error (error, g_strerror (errno), _("Could not write %s"), worker->path);
    }

  fd = g_open (worker->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return sl_file_set_io_error (error, g_strerror (errno), _("Could not open %s"), worker->path);

  for (;;)
    {
      ssize_t n;

      if (sl_cancelled (task))
        goto cancelled;
      n = read (fd, worker->block, FILE_BLOCK);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          close (fd);
          return sl_file_set_io_error (error, g_strerror (saved_errno),
                                       _("Could not read back %s"), worker->path);
        }
      if (n == 0)
        break;
      state = sl_checksum_update (state, worker->block, (gsize) n);
      read_back += (guint64) n;
    }
  close (fd);

  if (read_back != total)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_IO,
                   _("Read back %" PRIu64 " of %" PRIu64 " bytes from %s"),
                   read_back, total, worker->path);
      return FALSE;
    }

  *checksum = state;
  return TRUE;

cancelled:
  /* A cancelled run leaves nothing behind, even before worker_free() and release() run. */
  close (fd);
  g_unlink (worker->path);
  return sl_set_cancelled (error);
}

static gboolean
io_file_expected (gpointer      data,
                  const SlTask *task,
                  guint64      *checksum)
{
  FileShared *shared = data;

  *checksum = sl_http_page_checksum (task->index, (guint64) shared->bytes);
  return TRUE;
}

const SlWorkload sl_workload_io_file = {
  .id = "io-file",
  .title = N_("File round trips"),
  .description = N_("Disk I/O: each task writes a file, flushes it to the disk and reads it back, "
                    "in a private temporary folder that is always removed."),
  .kind = SL_WORKLOAD_KIND_IO,
  SL_WORKLOAD_PARAMS (io_file_params),
  .n_default_tasks = 64,
  .experiment_setup = io_file_experiment_setup,
  .experiment_teardown = io_file_experiment_teardown,
  .prepare = io_file_prepare,
  .release = io_file_release,
  .worker_init = io_file_worker_init,
  .worker_free = io_file_worker_free,
  .run = io_file_run,
  .expected = io_file_expected,
};
