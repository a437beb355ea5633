/* sl-window-compare.c: several experiments on the same charts. The window keeps the results
 * compared and their SlComparison; the results view overlays them and shows the comparison's
 * table. A single result shown again (a run, a click in the history) ends the comparison. */
#define G_LOG_DOMAIN "sl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-window-private.h"

void
sl_window_show_comparison (SlWindow  *self,
                           GPtrArray *results)
{
  g_autoptr(GPtrArray) owned = results;
  g_autoptr(GError) error = NULL;
  SlComparison *comparison;

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (results != NULL);

  comparison = sl_comparison_new (results, &error);
  if (comparison == NULL)
    {
      sl_window_toast (self, error->message);
      return;
    }

  sl_window_leave_comparison (self);
  self->compared = g_steal_pointer (&owned);
  self->comparison = comparison;

  g_clear_pointer (&self->shown_path, g_free);
  sl_history_view_set_current (self->history_view, NULL);
  sl_results_view_set_comparison (self->results_view, self->comparison);

  g_free (self->summary);
  self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Comparing %u experiment: each in its own colour",
                                                "Comparing %u experiments: each in its own colour",
                                                self->compared->len),
                                   self->compared->len);
  gtk_stack_set_visible_child_name (self->main_stack, "results");
  sl_window_update_progress (self);
  sl_window_update_actions (self);
  sl_window_update_title (self);
}

void
sl_window_leave_comparison (SlWindow *self)
{
  g_autoptr(GPtrArray) compared = NULL;
  g_autoptr(SlComparison) comparison = NULL;

  g_return_if_fail (SL_IS_WINDOW (self));

  if (self->comparison == NULL)
    return;

  /* The views let go of the results before they go. */
  compared = g_steal_pointer (&self->compared);
  comparison = g_steal_pointer (&self->comparison);
  sl_results_view_set_comparison (self->results_view, NULL);
  sl_results_view_set_result (self->results_view, self->shown);
  g_clear_pointer (&self->summary, g_free);
  sl_window_update_progress (self);
  sl_window_show_result (self, self->shown);
  sl_window_update_title (self);
}

void
sl_window_compare_finalize (SlWindow *self)
{
  g_clear_pointer (&self->comparison, sl_comparison_free);
  g_clear_pointer (&self->compared, g_ptr_array_unref);
}

GPtrArray *
sl_window_get_compared (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->compared;
}

const SlComparison *
sl_window_get_comparison (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->comparison;
}
