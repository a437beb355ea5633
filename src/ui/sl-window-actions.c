/* sl-window-actions.c: what the window's actions do: run the panel's experiment (the engine
 * thread started at the sweep's niceness), cancel it, and show or hide the sidebar's pages. */
#define G_LOG_DOMAIN "sl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-error.h"
#include "sl-ui-util.h"
#include "sl-window-private.h"

/* "3 runs each", or "6–14 runs each" when points repeated for precision. */
static char *
describe_runs (const SlResult *result)
{
  guint least = G_MAXUINT, most = 0;

  for (guint i = 0; i < result->points->len; i++)
    {
      guint n = ((const SlPoint *) g_ptr_array_index (result->points, i))->repetitions->len;

      least = MIN (least, n);
      most = MAX (most, n);
    }
  if (result->spec->until_precise_pct > 0 && most > least)
    /* Translators: "6–14 runs each" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u–%u run each", "%u–%u runs each",
                                         most), least, most);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run each", "%u runs each",
                                       result->spec->repeat), result->spec->repeat);
}

/* After a run: how it went, in one line. */
static char *
run_summary (SlWindow       *self,
             const SlResult *result)
{
  double seconds = (g_get_monotonic_time () - self->started_us) / 1e6;
  g_autofree char *took = sl_ui_format_duration (seconds);
  guint measured = 0, failed = 0;

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      measured += point->repetitions->len > 0;
      failed += point->status == SL_POINT_FAILED;
    }

  if (result->status == SL_RESULT_CANCELLED)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Cancelled after %s: %u of %u point measured",
                                         "Cancelled after %s: %u of %u points measured",
                                         result->points->len),
                            took, measured, result->points->len);
  if (failed > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Finished in %s: %u of %u point failed",
                                         "Finished in %s: %u of %u points failed",
                                         result->points->len),
                            took, failed, result->points->len);

  {
    g_autofree char *points =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point", "%u points", result->points->len),
                       result->points->len);
    g_autofree char *runs = describe_runs (result);

    g_autofree char *loops = sl_ui_describe_loops (result);
    g_autofree char *budget = sl_ui_describe_budget (result);

    if (budget != NULL)
      {
        g_autofree char *each = loops ? g_strdup_printf ("%s, %s", runs, loops)
                                      : g_strdup (runs);

        /* Translators: "Finished in 12 s: 10 points, 3 runs each; 2 points stopped on their
         * budget" */
        return g_strdup_printf (_("Finished in %s: %s, %s; %s"), took, points, each, budget);
      }
    if (loops != NULL)
      /* Translators: "Finished in 12 s: 10 points, 3 runs each, 4 loops per run, calibrated
       * to 100 ms" */
      return g_strdup_printf (_("Finished in %s: %s, %s, %s"), took, points, runs, loops);
    /* Translators: "Finished in 12 s: 10 points, 3 runs each" */
    return g_strdup_printf (_("Finished in %s: %s, %s"), took, points, runs);
  }
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SlResult *final = sl_runner_run_finish (SL_RUNNER (object), result, &error);

  /* The window was closed during the run: the engine has stopped, let the application go. */
  if (self->hold != NULL)
    sl_window_hold_release (self->hold);
  g_clear_pointer (&self->hold, sl_window_hold_unref);
  if (self->closed)
    {
      g_clear_pointer (&final, sl_result_free);
      return;
    }

  g_clear_handle_id (&self->update_source, g_source_remove);
  self->fraction = 0;
  g_clear_object (&self->cancellable);
  g_free (self->summary);
  self->summary = final ? run_summary (self, final) : NULL;
  sl_window_set_running (self, FALSE);
  sl_window_update_progress (self);

  if (final == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The experiment could not start: %s"),
                                               error->message);

      sl_window_toast (self, text);
      sl_window_show_result (self, self->final);
      return;
    }

  g_clear_pointer (&self->shown_path, g_free);
  sl_history_view_set_current (self->history_view, NULL);
  sl_window_show_final (self, final);
  sl_window_update_title (self);
  sl_experiment_panel_show_failures (self->panel, final);
  /* Finished, partial or cancelled: every experiment is kept. */
  sl_window_save_to_history (self, final);

  switch (final->status)
    {
    case SL_RESULT_CANCELLED:
      sl_window_toast (self, _("Cancelled: the charts show what was measured"));
      break;
    case SL_RESULT_PARTIAL:
      sl_window_toast (self, _("Finished, but some points failed: see the warnings and the table"));
      break;
    case SL_RESULT_COMPLETE:
    case SL_RESULT_RUNNING:
    default:
      break;
    }
}

gboolean
sl_window_run (SlWindow  *self,
               GError   **error)
{
  g_autoptr(SlExperimentSpec) spec = NULL;

  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);

  if (self->running)
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_BUSY, _("A sweep is running already"));
      return FALSE;
    }

  sl_experiment_panel_commit (self->panel);
  if (!sl_experiment_panel_get_can_run (self->panel))
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                           sl_experiment_panel_get_problem_summary (self->panel));
      return FALSE;
    }

  spec = sl_experiment_panel_dup_spec (self->panel);
  sl_experiment_panel_save_settings (self->panel, self->settings);

  sl_window_leave_comparison (self);
  self->cancellable = g_cancellable_new ();
  self->started_us = g_get_monotonic_time ();
  self->fraction = 0;
  sl_ui_runner_run_async (self->runner, spec, self->sweep_nice, self->cancellable, run_done_cb,
                          g_object_ref (self));
  sl_window_update_now (self);

  return TRUE;
}

void
sl_window_cancel (SlWindow *self)
{
  g_return_if_fail (SL_IS_WINDOW (self));

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  sl_window_update_progress (self);
}

void
sl_window_run_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!sl_window_run (self, &error))
    sl_window_toast (self, error->message);
}

void
sl_window_run_preset_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!sl_experiment_panel_apply_preset (self->panel, g_variant_get_string (parameter, NULL),
                                         &error) ||
      !sl_window_run (self, &error))
    sl_window_toast (self, error->message);
}

void
sl_window_cancel_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  sl_window_cancel (SL_WINDOW (widget));
}

/* AdwFlap: libadwaita 1.4 deprecates it for AdwOverlaySplitView, which libadwaita 1.2
 * (Debian 12) lacks. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

void
sl_window_toggle_sidebar_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

void
sl_window_show_history_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  adw_view_stack_set_visible_child_name (self->sidebar_stack, "history");
  sl_history_view_focus_search (self->history_view);
}
G_GNUC_END_IGNORE_DEPRECATIONS
