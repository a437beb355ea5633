/* sl-python.c: the python runtime as the engine sees it: availability, interpreter, code check.
 *
 * Nothing here links Python. Questions about the interpreter go to speedup-lab-worker, started in
 * one of its one-shot modes (--python-info, --check-python), which answers with a key file on its
 * stdout and exits. It runs under its keeper (sl-keeper.h), as the sweep's workers do, so that
 * what a person's top-level code starts is stopped when the check ends, and counted.
 */
#define G_LOG_DOMAIN "sl-python"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib-unix.h>

#include "sl-error.h"
#include "sl-file.h"
#include "sl-i18n.h"
#include "sl-keeper.h"
#include "sl-limits.h"
#include "sl-python.h"
#include "sl-text.h"
#include "sl-worker-path.h"
#include "sl-workloads.h"

/* Loading code runs its top level: a loop there must not hang the editor that asked. */
#define CHECK_TIMEOUT_S 10
/* How long the worker may take to end once it answered, or was told to. */
#define EXIT_GRACE_MS   2000
/* Far more than any key file the worker writes. */
#define MAX_OUTPUT      (4 * 1024 * 1024)

char *
sl_python_read_code_file (const char  *path,
                          gsize       *length,
                          GError     **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autofree char *code = NULL;
  const char *nul;
  gsize n = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (path[0] == '\0')
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("the file name is empty"));
      return NULL;
    }

  code = sl_file_read_bounded (path, SL_MAX_CODE_SIZE, &n, &read_error);
  if (code == NULL)
    {
      if (g_error_matches (read_error, SL_ERROR, SL_ERROR_INVALID_INPUT))
        g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                     _("%s is too large for a task's code: %s"), path, read_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&read_error));
      return NULL;
    }

  /* CPython refuses both; a cut at the NUL would run other code than the file holds. */
  nul = memchr (code, '\0', n);
  if (nul != NULL)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("%s is not Python source: it contains a NUL byte at offset %zu"),
                   path, (gsize) (nul - code));
      return NULL;
    }
  if (!g_utf8_validate_len (code, n, NULL))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("%s is not Python source: it is not UTF-8 text"), path);
      return NULL;
    }

  if (length != NULL)
    *length = n;
  return g_steal_pointer (&code);
}

gboolean
sl_python_available (char **reason)
{
#if HAVE_PYTHON
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sl_worker_find_path (&error);

  if (path == NULL)
    {
      if (reason != NULL)
        *reason = g_strdup (error->message);
      return FALSE;
    }

  if (reason != NULL)
    *reason = NULL;
  return TRUE;
#else
  if (reason != NULL)
    *reason = g_strdup (_("this build of Speedup Lab has no Python support: it was configured "
                          "without python3-embed (install python3-dev and reconfigure with "
                          "-Dpython=enabled)"));
  return FALSE;
#endif
}

void
sl_python_check_clear (SlPythonCheck *check)
{
  if (check == NULL)
    return;

  g_clear_pointer (&check->kind, g_free);
  g_clear_pointer (&check->message, g_free);
  check->ok = FALSE;
  check->line = check->column = 0;
  check->n_stopped_processes = 0;
}

static void
close_fd (int *fd)
{
  if (*fd >= 0)
    {
      close (*fd);
      *fd = -1;
    }
}

static void
ignore_sigpipe (void)
{
  struct sigaction current;

  /* A worker that exits before it read all the code must not kill this program. Leave a handler
   * that the application installed itself alone. */
  if (sigaction (SIGPIPE, NULL, &current) == 0 && current.sa_handler == SIG_DFL)
    signal (SIGPIPE, SIG_IGN);
}

static char *
describe_status (int status)
{
  if (WIFSIGNALED (status))
    return g_strdup_printf (_("was killed by signal %d (%s)"), WTERMSIG (status),
                            g_strsignal (WTERMSIG (status)));
  return g_strdup_printf (_("exited with status %d"), WEXITSTATUS (status));
}

/* Runs the worker in a one-shot mode (`mode`, then `argument` when non-NULL), feeds it `input`
 * (nullable) and collects its stdout, for `timeout_s` at most. FALSE with `error` when it could
 * not be started, or was stopped because `cancellable` (nullable) was cancelled; *timed_out says
 * it was stopped at the deadline, *stopped how many processes it left, which its keeper
 * stopped. The keeper is the subreaper of whatever the worker forks: nothing outlives it, so
 * `group` (a process group of its own) asks for nothing more than the keeper gives. */
static gboolean
run_worker (const char    *mode,
            const char    *argument,
            gboolean       group,
            guint          timeout_s,
            const char    *input,
            GCancellable  *cancellable,
            GString       *output,
            int           *status,
            gboolean      *timed_out,
            guint         *stopped,
            GError       **error)
{
  g_autofree char *path = sl_worker_find_path (error);
  g_autofree char *parent_arg = g_strdup_printf ("--parent-pid=%d", (int) getpid ());
  const char *args[] = { mode, argument != NULL ? argument : parent_arg,
                         argument != NULL ? parent_arg : NULL, NULL };
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_TIME_SPAN_SECOND;
  gsize input_length = input != NULL ? strlen (input) : 0;
  gsize written = 0;
  SlKeeper keeper;
  int in_fd = -1, out_fd = -1;
  GPollFD cancel_fd = { -1, 0, 0 };
  gboolean cancelled = FALSE;

  *timed_out = FALSE;
  *status = 0;
  *stopped = 0;

  if (path == NULL)
    return FALSE;

  ignore_sigpipe ();

  if (!sl_keeper_spawn (&keeper, path, args, &in_fd, &out_fd, error))
    {
      g_prefix_error (error, _("Could not start %s: "), path);
      return FALSE;
    }

  g_unix_set_fd_nonblocking (in_fd, TRUE, NULL);
  g_unix_set_fd_nonblocking (out_fd, TRUE, NULL);
  if (input_length == 0)
    close_fd (&in_fd);
  /* A check nobody waits for any more (the code changed again) stops its worker at once. */
  g_cancellable_make_pollfd (cancellable, &cancel_fd);

  while (out_fd >= 0)
    {
      struct pollfd fds[3] = { { cancel_fd.fd, POLLIN, 0 }, { out_fd, POLLIN, 0 },
                               { in_fd, POLLOUT, 0 } };
      gint64 left_ms = (deadline - g_get_monotonic_time ()) / 1000;
      int r;

      if (g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
      if (left_ms <= 0)
        {
          *timed_out = TRUE;
          break;
        }

      /* poll() skips the negative descriptors: no cancellable, or the input closed. */
      r = poll (fds, 3, (int) left_ms);
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        break;

      if (in_fd >= 0 && fds[2].revents != 0)
        {
          gssize n = write (in_fd, input + written, MIN (input_length - written, 65536));

          if (n > 0)
            written += n;
          /* All written, or the worker stopped reading: it says why on stdout or in its status. */
          if (written == input_length || (n < 0 && errno != EAGAIN && errno != EINTR))
            close_fd (&in_fd);
        }

      if (fds[1].revents != 0)
        {
          char buffer[16384];
          gssize n = read (out_fd, buffer, sizeof buffer);

          if (n > 0 && output->len < MAX_OUTPUT)
            g_string_append_len (output, buffer, n);
          else if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
            close_fd (&out_fd);
        }
    }

  close_fd (&in_fd);
  close_fd (&out_fd);
  g_cancellable_release_fd (cancellable);

  /* Its keeper ends it, and stops what its code started. */
  if (*timed_out || cancelled)
    sl_keeper_end (&keeper);
  sl_keeper_reap (&keeper, EXIT_GRACE_MS, status, stopped);

  if (cancelled)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
require_python (GError **error)
{
  g_autofree char *reason = NULL;

  if (sl_python_available (&reason))
    return TRUE;

  g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE, _("The python runtime is not available: %s"),
               reason);
  return FALSE;
}

GHashTable *
sl_python_query_runtime_info (GError **error)
{
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GHashTable) info = NULL;
  g_auto(GStrv) keys = NULL;
  gboolean timed_out;
  guint stopped;
  int status;

  if (!require_python (error))
    return NULL;

  if (!run_worker ("--python-info", NULL, FALSE, CHECK_TIMEOUT_S, NULL, NULL, output, &status,
                   &timed_out, &stopped, error))
    return NULL;

  if (timed_out || !WIFEXITED (status) || WEXITSTATUS (status) != 0 ||
      !g_key_file_load_from_data (key_file, output->str, output->len, G_KEY_FILE_NONE, NULL) ||
      !g_key_file_has_group (key_file, "runtime"))
    {
      g_autofree char *how = timed_out ? g_strdup (_("took too long")) : describe_status (status);

      g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                   _("speedup-lab-worker could not start its Python interpreter: it %s"), how);
      return NULL;
    }

  info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  keys = g_key_file_get_keys (key_file, "runtime", NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    g_hash_table_replace (info, g_strdup (keys[i]),
                          g_key_file_get_string (key_file, "runtime", keys[i], NULL));

  return g_steal_pointer (&info);
}

char *
sl_python_run_script (const char    *name,
                      const char    *request,
                      guint          timeout_s,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GString) output = g_string_new (NULL);
  gboolean timed_out;
  guint stopped;
  int status;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (!require_python (error))
    return NULL;

  if (!run_worker ("--python-script", name, TRUE, timeout_s, request, cancellable, output,
                   &status, &timed_out, &stopped, error))
    return NULL;

  if (timed_out)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_TIMEOUT,
                   _("speedup-lab-worker ran its Python program “%s” for over %u s and was "
                     "stopped"), name, timeout_s);
      return NULL;
    }
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 || output->len == 0)
    {
      g_autofree char *how = describe_status (status);

      g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                   _("speedup-lab-worker could not run its Python program “%s”: it %s"), name,
                   how);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&output), FALSE);
}

static gboolean
check_code (const char     *code,
            GCancellable   *cancellable,
            SlPythonCheck  *out,
            GError        **error)
{
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *how = NULL;
  gboolean timed_out, parsed, loading;
  int status;

  memset (out, 0, sizeof *out);

  if (!g_utf8_validate (code, -1, NULL))
    {
      out->kind = g_strdup ("syntax");
      out->message = g_strdup (_("the code is not valid UTF-8 text"));
      return TRUE;
    }

  if (!require_python (error))
    return FALSE;

  if (!run_worker ("--check-python", NULL, FALSE, CHECK_TIMEOUT_S, code, cancellable, output,
                   &status, &timed_out, &out->n_stopped_processes, error))
    return FALSE;

  parsed = g_key_file_load_from_data (key_file, output->str, output->len, G_KEY_FILE_NONE, NULL);
  /* The worker says so before it runs the code: what goes wrong before is not the code's. */
  loading = parsed && g_key_file_has_group (key_file, SL_PYTHON_CHECK_LOADING);

  if (!timed_out && parsed && g_key_file_has_group (key_file, "check"))
    {
      out->ok = g_key_file_get_boolean (key_file, "check", "ok", NULL);
      if (!out->ok)
        {
          g_autofree char *message = g_key_file_get_string (key_file, "check", "message", NULL);

          out->kind = g_key_file_get_string (key_file, "check", "kind", NULL);
          /* A traceback may quote a line of the code, a URL with its password in it. */
          if (message != NULL)
            {
              g_autofree char *redacted = sl_text_redact_credentials (message);

              out->message = sl_text_make_printable (redacted, TRUE);
            }
          out->line = (guint) MAX (0, g_key_file_get_integer (key_file, "check", "line", NULL));
          out->column = (guint) MAX (0, g_key_file_get_integer (key_file, "check", "column", NULL));
        }
      return TRUE;
    }

  how = timed_out ? g_strdup_printf (_("did not answer within %d s"), CHECK_TIMEOUT_S)
                  : describe_status (status);
  if (!loading)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                   _("speedup-lab-worker %s before it loaded the code"), how);
      return FALSE;
    }

  /* The code brought the worker down while it loaded (os._exit, a crash) or never finished
   * loading: a problem of the code, reported as such. */
  out->kind = g_strdup ("exception");
  if (timed_out)
    out->message = g_strdup_printf (_("loading the code took over %d s and was stopped: does its "
                                      "top level run the work instead of defining task()?"),
                                    CHECK_TIMEOUT_S);
  else
    out->message = g_strdup_printf (_("loading the code ended the worker process: it %s"), how);

  return TRUE;
}

gboolean
sl_python_check_code (const char     *code,
                      SlPythonCheck  *out,
                      GError        **error)
{
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return check_code (code, NULL, out, error);
}

static void
check_free (gpointer data)
{
  SlPythonCheck *check = data;

  sl_python_check_clear (check);
  g_free (check);
}

static void
check_code_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  SlPythonCheck *check = g_new0 (SlPythonCheck, 1);
  GError *error = NULL;

  if (check_code (data, cancellable, check, &error))
    g_task_return_pointer (task, check, check_free);
  else
    {
      check_free (check);
      g_task_return_error (task, error);
    }
}

void
sl_python_check_code_async (const char          *code,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (code != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_python_check_code_async);
  g_task_set_task_data (task, g_strdup (code), g_free);
  g_task_run_in_thread (task, check_code_thread);
}

gboolean
sl_python_check_code_finish (GAsyncResult   *result,
                             SlPythonCheck  *out,
                             GError        **error)
{
  SlPythonCheck *check;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, sl_python_check_code_async), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  check = g_task_propagate_pointer (G_TASK (result), error);
  if (check == NULL)
    return FALSE;

  /* The fields move to the caller's struct; the shell goes. */
  *out = *check;
  g_free (check);
  return TRUE;
}

guint
sl_python_traceback_line (const char *message)
{
  static const char marker[] = "File \"" SL_PYTHON_CUSTOM_FILENAME "\", line ";
  guint line = 0;

  g_return_val_if_fail (message != NULL, 0);

  /* The innermost frame comes last: that is where the code failed. */
  for (const char *at = strstr (message, marker); at != NULL;
       at = strstr (at + 1, marker))
    {
      guint64 value = g_ascii_strtoull (at + strlen (marker), NULL, 10);

      if (value > 0 && value <= G_MAXUINT)
        line = (guint) value;
    }

  return line;
}

char *
sl_python_code_sha256 (const SlWorkload *workload,
                       const SlParams   *params)
{
  g_return_val_if_fail (workload != NULL, NULL);

  if (sl_workload_find_param (workload, SL_PYTHON_CODE_PARAM) == NULL)
    return NULL;

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                        sl_python_workload_source (workload, params), -1);
}

const char *
sl_python_workload_source (const SlWorkload *workload,
                           const SlParams   *params)
{
  const char *code;

  g_return_val_if_fail (workload != NULL, NULL);

  if (sl_workload_find_param (workload, SL_PYTHON_CODE_PARAM) == NULL || params == NULL)
    return workload->python_source;

  code = sl_params_lookup (params, SL_PYTHON_CODE_PARAM);
  return code != NULL && code[0] != '\0' ? code : workload->python_source;
}

char *
sl_python_workload_filename (const SlWorkload *workload)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (workload != NULL, NULL);

  if (workload == &sl_workload_python_custom)
    return g_strdup (SL_PYTHON_CUSTOM_FILENAME);

  /* The embedded files are named after their workload: cpu-sum runs cpu_sum.py. */
  name = g_strdelimit (g_strdup (workload->id), "-", '_');
  return g_strconcat (name, ".py", NULL);
}

gboolean
sl_python_passes_param (const SlWorkload *workload,
                        const char       *name)
{
  g_return_val_if_fail (workload != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  /* The code is what runs, not an input of it. */
  return !(workload == &sl_workload_python_custom && g_str_equal (name, SL_PYTHON_CODE_PARAM));
}

guint
sl_python_memory_limit_mb (const SlWorkload *workload,
                           const SlParams   *params)
{
  g_return_val_if_fail (workload != NULL, 0);

  if (params == NULL || sl_workload_find_param (workload, SL_PYTHON_MEMORY_PARAM) == NULL ||
      sl_params_lookup (params, SL_PYTHON_MEMORY_PARAM) == NULL)
    return 0;

  return (guint) sl_params_get_int (params, SL_PYTHON_MEMORY_PARAM);
}
