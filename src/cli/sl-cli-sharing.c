/* sl-cli-sharing.c: what the sharing commands (article, shared-counter, transfer) share: work on a
 * thread that SIGINT, SIGTERM and SIGHUP cancel, and a JSON document written out. */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <gio/gio.h>
#include <glib-unix.h>

#include "sl-cli-sharing.h"
#include "sl-cli.h"
#include "sl-file.h"
#include "sl-i18n.h"
#include "sl-json.h"

static const int terminating_signals[] = { SIGINT, SIGTERM, SIGHUP };

typedef struct {
  SlCliWork      work;
  gpointer       data;
  GCancellable  *cancellable;
  GMainLoop     *loop;
  gboolean       ok;
  GError        *error;
  int            signal_number;
} Interruptible;

typedef struct {
  Interruptible *state;
  int            signal_number;
} Watch;

static gboolean
signal_cb (gpointer user_data)
{
  Watch *watch = user_data;

  if (watch->state->signal_number == 0)
    {
      watch->state->signal_number = watch->signal_number;
      fprintf (stderr, _("\nInterrupted: stopping the workers…\n"));
      g_cancellable_cancel (watch->state->cancellable);
    }

  return G_SOURCE_CONTINUE;
}

static void
work_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Interruptible *state = data;
  GError *error = NULL;

  if (state->work (cancellable, state->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
work_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Interruptible *state = user_data;

  state->ok = g_task_propagate_boolean (G_TASK (result), &state->error);
  g_main_loop_quit (state->loop);
}

gboolean
sl_cli_run_interruptible (SlCliWork   work,
                          gpointer    data,
                          int        *signal_number,
                          GError    **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  Interruptible state = { work, data, cancellable, loop, FALSE, NULL, 0 };
  Watch watches[G_N_ELEMENTS (terminating_signals)];
  GSource *sources[G_N_ELEMENTS (terminating_signals)];
  GTask *task;

  g_main_context_push_thread_default (context);
  for (guint i = 0; i < G_N_ELEMENTS (terminating_signals); i++)
    {
      watches[i].state = &state;
      watches[i].signal_number = terminating_signals[i];
      sources[i] = g_unix_signal_source_new (terminating_signals[i]);
      g_source_set_callback (sources[i], signal_cb, &watches[i], NULL);
      g_source_attach (sources[i], context);
    }

  task = g_task_new (NULL, cancellable, work_done_cb, &state);
  g_task_set_task_data (task, &state, NULL);
  g_task_run_in_thread (task, work_thread);
  g_object_unref (task);
  g_main_loop_run (loop);

  for (guint i = 0; i < G_N_ELEMENTS (terminating_signals); i++)
    {
      g_source_destroy (sources[i]);
      g_source_unref (sources[i]);
    }
  g_main_context_pop_thread_default (context);

  *signal_number = state.signal_number;
  if (!state.ok)
    g_propagate_error (error, state.error);

  return state.ok;
}

gboolean
sl_cli_parse_ids (const char     *text,
                  gconstpointer (*lookup) (const char *id),
                  GPtrArray      *out,
                  char          **unknown)
{
  g_auto(GStrv) ids = g_strsplit (text, ",", -1);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *id = g_strstrip (ids[i]);
      gconstpointer entry;

      if (id[0] == '\0')
        continue;
      entry = lookup (id);
      if (entry == NULL)
        {
          *unknown = g_strdup (id);
          return FALSE;
        }
      g_ptr_array_add (out, (gpointer) entry);
    }

  return TRUE;
}

gboolean
sl_cli_write_json (JsonNode   *root,
                   const char *path)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *text = sl_json_to_text (root, &length);

  if (path == NULL || g_str_equal (path, "-"))
    {
      fwrite (text, 1, length, stdout);
      return TRUE;
    }

  if (!sl_file_write_atomic (path, text, (gssize) length, &error))
    {
      sl_cli_error ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}
