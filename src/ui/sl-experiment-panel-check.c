/* sl-experiment-panel-check.c: the spec the form holds, and its check after every edit: the
 * validator's problems, plus what only the form knows (a number typed but not taken, a worker
 * list that does not parse), each marked on its field. */
#define G_LOG_DOMAIN "sl-experiment-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sl-experiment-panel-private.h"
#include "sl-ui-util.h"

/* A spin button's number for a count of the spec: what was typed, when it is checked, may be
 * beyond what the count can hold, and the validator then says what the range is. */
static double
fixed_number (SlExperimentPanel *self,
              const char        *id,
              gboolean           as_typed,
              double             most)
{
  return MIN (sl_panel_field_number (g_hash_table_lookup (self->fields, id), as_typed), most);
}

SlExperimentSpec *
sl_panel_build_spec (SlExperimentPanel *self,
                     gboolean           as_typed,
                     GError           **workers_error)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  const SlWorkload *workload = sl_panel_selected_workload (self);
  GHashTableIter iter;
  const char *id;
  Field *field;
  GArray *workers;
  SlModel model;

  g_free (spec->preset);
  spec->preset = g_strdup (self->preset);
  g_free (spec->workload);
  spec->workload = g_strdup (workload ? workload->id : "");

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &field))
    if (g_str_has_prefix (id, "params."))
      {
        g_autofree char *value = sl_panel_field_value (field, as_typed);

        sl_params_set (spec->params, id + strlen ("params."), value ? value : "");
      }

  spec->runtime = gtk_toggle_button_get_active (self->python_button) ? SL_RUNTIME_PYTHON
                                                                     : SL_RUNTIME_NATIVE;
  g_array_set_size (spec->models, 0);
  model = SL_MODEL_THREADS;
  if (gtk_check_button_get_active (self->threads_check))
    g_array_append_val (spec->models, model);
  model = SL_MODEL_PROCESSES;
  if (gtk_check_button_get_active (self->processes_check))
    g_array_append_val (spec->models, model);

  workers = sl_worker_slider_dup_workers (self->worker_slider, workers_error);
  g_array_unref (spec->workers);
  spec->workers = workers ? workers : g_array_new (FALSE, FALSE, sizeof (guint));

  spec->tasks = (guint64) fixed_number (self, SL_SPEC_FIELD_TASKS, as_typed, (double) G_MAXINT64);
  spec->chunk = (guint) fixed_number (self, SL_SPEC_FIELD_CHUNK, as_typed, G_MAXUINT32);
  spec->repeat = (guint) fixed_number (self, SL_SPEC_FIELD_REPEAT, as_typed, G_MAXUINT32);
  spec->warmup = (guint) fixed_number (self, SL_SPEC_FIELD_WARMUP, as_typed, G_MAXUINT32);
  spec->timeout_s = fixed_number (self, SL_SPEC_FIELD_TIMEOUT, as_typed, INFINITY);
  spec->loops = (guint) fixed_number (self, SL_SPEC_FIELD_LOOPS, as_typed, G_MAXUINT32);
  spec->min_time_s = fixed_number (self, SL_SPEC_FIELD_MIN_TIME, as_typed, INFINITY);
  spec->until_precise_pct = fixed_number (self, SL_SPEC_FIELD_UNTIL_PRECISE, as_typed, INFINITY);
  spec->budget_s = fixed_number (self, SL_SPEC_FIELD_BUDGET, as_typed, INFINITY);
  spec->scaling = adw_combo_row_get_selected (self->scaling_row) == 1 ? SL_SCALING_WEAK
                                                                     : SL_SCALING_STRONG;
  spec->order = adw_combo_row_get_selected (self->order_row) == 1 ? SL_ORDER_SEQUENTIAL
                                                                 : SL_ORDER_INTERLEAVED;

  return g_steal_pointer (&spec);
}

/* The tasks row's help (the workload's own number of tasks), and the Advanced row's subtitle:
 * what its settings are now, so that they are seen while it is folded. */
static void
update_advanced_texts (SlExperimentPanel      *self,
                       const SlExperimentSpec *spec)
{
  const SlWorkload *workload = sl_workload_lookup (spec->workload);
  g_autoptr(SlParams) resolved = workload ? sl_workload_resolve_params (workload, spec->params,
                                                                        NULL) : NULL;
  guint64 default_tasks = resolved ? sl_workload_default_tasks (workload, resolved) : 0;
  guint64 tasks = spec->tasks ? spec->tasks : default_tasks;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  if (resolved != NULL)
    text = g_strdup_printf (_("Default: the workload’s own number, %" PRIu64),
                            default_tasks);
  else
    text = g_strdup (_("Default: the workload’s own number"));
  sl_panel_set_field_text (self, "tasks", text);

  if (tasks > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " task",
                                                          "%" PRIu64 " tasks", tasks), tasks));
  if (spec->chunk > 1)
    g_ptr_array_add (parts, g_strdup_printf (_("chunks of %u"), spec->chunk));
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs",
                                                        spec->repeat), spec->repeat));
  if (spec->warmup == 0)
    g_ptr_array_add (parts, g_strdup (_("no warm-up")));
  else
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warm-up",
                                                          "%u warm-ups", spec->warmup),
                                             spec->warmup));
  if (spec->loops > 1)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u loop per run",
                                                          "%u loops per run", spec->loops),
                                             spec->loops));
  else if (spec->loops == 0 && spec->min_time_s != SL_DEFAULT_MIN_TIME_S)
    {
      g_autofree char *least = sl_ui_format_time (spec->min_time_s);

      g_ptr_array_add (parts, g_strdup_printf (_("runs of at least %s"), least));
    }
  if (spec->until_precise_pct > 0)
    {
      g_autofree char *budget = sl_ui_format_duration (spec->budget_s);

      /* Translators: "until within 2 % (1 min 00 s a point at most)" */
      g_ptr_array_add (parts, g_strdup_printf (_("until within %g %% (%s a point at most)"),
                                               spec->until_precise_pct, budget));
    }
  if (spec->timeout_s > 0)
    {
      g_autofree char *limit = sl_ui_format_duration (spec->timeout_s);

      g_ptr_array_add (parts, g_strdup_printf (_("time limit %s"), limit));
    }
  if (spec->scaling == SL_SCALING_WEAK)
    g_ptr_array_add (parts, g_strdup (_("weak scaling")));
  if (spec->order == SL_ORDER_SEQUENTIAL)
    g_ptr_array_add (parts, g_strdup (_("sequential")));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between the Advanced settings in its subtitle */
  summary = g_strjoinv (_(" · "), (char **) parts->pdata);
  adw_expander_row_set_subtitle (self->advanced_row, summary);
}

void
sl_panel_recheck (SlExperimentPanel *self)
{
  g_autoptr(SlExperimentSpec) spec = NULL;
  g_autoptr(GError) workers_error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) marks = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  const char *id;
  Field *field;

  spec = sl_panel_build_spec (self, TRUE, &workers_error);
  problems = sl_experiment_spec_check (spec);
  if (spec->runtime == SL_RUNTIME_PYTHON && self->python_reason != NULL)
    g_ptr_array_add (problems, sl_spec_problem_new (SL_SPEC_FIELD_RUNTIME, self->python_reason));

  /* What the person is typing comes first, and the list's own syntax error says more than
   * "choose a worker count". */
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &field))
    if (sl_panel_field_pending_problem (field) != NULL)
      g_ptr_array_insert (problems, 0,
                          sl_spec_problem_new (id, sl_panel_field_pending_problem (field)));
  if (workers_error != NULL)
    {
      for (guint i = problems->len; i > 0; i--)
        if (g_str_equal (((SlSpecProblem *) g_ptr_array_index (problems, i - 1))->field, "workers"))
          g_ptr_array_remove_index (problems, i - 1);
      g_ptr_array_add (problems, sl_spec_problem_new ("workers", workers_error->message));
    }

  /* One mark per field: the first problem found for it. */
  for (guint i = 0; i < problems->len; i++)
    {
      SlSpecProblem *problem = g_ptr_array_index (problems, i);

      if (!g_hash_table_contains (marks, problem->field))
        g_hash_table_insert (marks, problem->field, problem->message);
    }

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    sl_experiment_panel_mark_field (self, id, g_hash_table_lookup (marks, id));
  sl_experiment_panel_mark_field (self, "workers", g_hash_table_lookup (marks, "workers"));

  update_advanced_texts (self, spec);

  sl_panel_take_problems (self, g_steal_pointer (&problems));
}
