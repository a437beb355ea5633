/* sl-results-view.c: the recommendation, the warning strip, the charts, the table and the
 * progress of one result. It reads the result it is given and keeps nothing of it. */
#define G_LOG_DOMAIN "sl-results-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sl-results-view.h"
#include "sl-traceback.h"
#include "sl-ui-util.h"

struct _SlResultsView
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *advice_box;
  GtkLabel       *advice_title;
  GtkLabel       *advice_label;
  GtkToggleButton *advice_more;
  GtkRevealer    *warnings_revealer;
  GtkLabel       *warnings_label;
  SlTraceback    *traceback;
  AdwViewSwitcher *switcher;
  AdwViewStack   *stack;
  SlChartView    *time_chart;
  SlChartView    *speedup_chart;
  SlChartView    *efficiency_chart;
  SlChartView    *cpu_chart;
  SlChartView    *tasks_chart;
  SlResultTable  *table;
  SlCompareTable *compare_table;
  AdwViewStackPage *tasks_page;
  AdwViewStackPage *table_page;
  AdwViewStackPage *comparison_page;
  GtkProgressBar *progress_bar;
  GtkLabel       *progress_label;

  /* borrowed */
  const SlResult *result;
  const SlComparison *comparison;

  /* owned */
  char           *created;   /* of the result shown: another one starts a new selection */
};

G_DEFINE_FINAL_TYPE (SlResultsView, sl_results_view, GTK_TYPE_WIDGET)

static SlChartView *
chart_for_kind (SlResultsView *self,
                SlChartKind    kind)
{
  switch (kind)
    {
    case SL_CHART_TIME:
      return self->time_chart;
    case SL_CHART_SPEEDUP:
      return self->speedup_chart;
    case SL_CHART_EFFICIENCY:
      return self->efficiency_chart;
    case SL_CHART_CPU:
      return self->cpu_chart;
    case SL_CHART_TASKS:
      return self->tasks_chart;
    case SL_N_CHART_KINDS:
    default:
      return NULL;
    }
}

static gboolean
result_is_running (const SlResult *result)
{
  return result != NULL && result->status == SL_RESULT_RUNNING;
}

/* Longer than this, the advice shows its first ADVICE_LINES lines until unfolded. */
#define ADVICE_FOLD_CHARS 320
#define ADVICE_LINES      3

static void
update_fold (SlResultsView *self)
{
  gboolean unfolded = gtk_toggle_button_get_active (self->advice_more) ||
                      !gtk_widget_get_visible (GTK_WIDGET (self->advice_more));

  gtk_label_set_lines (self->advice_label, unfolded ? -1 : ADVICE_LINES);
  gtk_label_set_ellipsize (self->advice_label, unfolded ? PANGO_ELLIPSIZE_NONE
                                                        : PANGO_ELLIPSIZE_END);
  gtk_button_set_label (GTK_BUTTON (self->advice_more),
                        unfolded ? _("Show Less") : _("Show All"));
}

static void
set_advice (SlResultsView *self,
            const char    *title,
            const char    *text)
{
  gboolean long_text = g_utf8_strlen (text, -1) > ADVICE_FOLD_CHARS;

  gtk_label_set_label (self->advice_title, title);
  if (g_strcmp0 (gtk_label_get_label (self->advice_label), text) == 0)
    return;

  gtk_label_set_label (self->advice_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->advice_more), long_text);
  if (!long_text)
    gtk_toggle_button_set_active (self->advice_more, FALSE);
  update_fold (self);
}

/* The answer in a line, above the words that explain it: "Use processes with 2 workers:
 * 1.92× faster". NULL when the analysis has none. */
static char *
dup_headline (const SlResult *result)
{
  const SlAnalysis *analysis = result ? result->analysis : NULL;
  g_autofree char *use = NULL;
  guint workers;

  if (analysis == NULL || !analysis->has_best || analysis->best_workers == 0)
    return NULL;

  workers = analysis->best_workers;
  if (workers == 1)
    return g_strdup (_("Use 1 worker: parallelism did not pay off"));

  if (analysis->best_model == SL_MODEL_THREADS)
    use = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Use threads with %u worker",
                                        "Use threads with %u workers", workers), workers);
  else
    use = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Use processes with %u worker",
                                        "Use processes with %u workers", workers), workers);
  if (!isfinite (analysis->best_speedup))
    return g_steal_pointer (&use);

  /* Translators: the recommendation's headline and the speedup it brings: "Use processes with
   * 2 workers: 1.92× faster" */
  return g_strdup_printf (_("%s: %.2f× faster"), use, analysis->best_speedup);
}

static void
update_advice (SlResultsView *self)
{
  const SlResult *result = self->result;
  const char *recommendation = NULL;

  if (result != NULL && result->analysis != NULL)
    recommendation = result->analysis->recommendation;

  if (result_is_running (result))
    set_advice (self, _("So Far"),
                recommendation && *recommendation
                ? recommendation
                : _("Measuring: the advice appears as the points come in."));
  else if (result != NULL && result->status == SL_RESULT_CANCELLED)
    {
      g_autofree char *text =
        g_strdup_printf (_("The run was cancelled: the charts show what was measured. %s"),
                         recommendation ? recommendation : "");

      set_advice (self, _("Cancelled"), g_strstrip (text));
    }
  else
    {
      g_autofree char *headline = dup_headline (result);

      set_advice (self, headline ? headline : _("Recommendation"),
                  recommendation && *recommendation
                  ? recommendation
                  : _("No recommendation: no point was measured."));
    }
}

static const char *
model_title (SlModel model)
{
  return model == SL_MODEL_THREADS ? _("threads") : _("processes");
}

/* "threads at 1, 2, 4 workers; processes at 8 workers" */
static void
append_points (GString        *text,
               const SlResult *result,
               gboolean      (*pick) (const SlPoint *point))
{
  for (SlModel model = 0; model < SL_N_MODELS; model++)
    {
      g_autoptr(GString) counts = g_string_new (NULL);
      guint last = 0;

      for (guint i = 0; i < result->points->len; i++)
        {
          const SlPoint *point = g_ptr_array_index (result->points, i);

          if (point->model != model || !pick (point))
            continue;
          g_string_append_printf (counts, "%s%u", counts->len ? ", " : "", point->workers);
          last = point->workers;
        }

      if (counts->len == 0)
        continue;
      if (text->len > 0 && text->str[text->len - 1] != ' ')
        g_string_append (text, "; ");
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "%s at %s worker", "%s at %s workers",
                                           last),
                              model_title (model), counts->str);
    }
}

static gboolean
point_is_unstable (const SlPoint *point)
{
  return point->status == SL_POINT_DONE && point->wall.unstable;
}

static gboolean
point_failed (const SlPoint *point)
{
  return point->status == SL_POINT_FAILED;
}

/* A crossfading revealer keeps its child's height while hidden: hidden, the strip takes no room
 * from the chart. */
static void
set_warnings_shown (SlResultsView *self,
                    gboolean       shown)
{
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_revealer), shown);
  gtk_revealer_set_reveal_child (self->warnings_revealer, shown);
}

/* The machine's warnings, then one line for unstable points and one for failed ones: the table
 * has the details of each. */
static void
update_warnings (SlResultsView *self)
{
  const SlResult *result = self->result;
  g_autoptr(GString) text = g_string_new (NULL);
  const SlPoint *first_failed = NULL;
  guint n_unstable = 0;

  if (result == NULL)
    {
      set_warnings_shown (self, FALSE);
      sl_traceback_set_message (self->traceback, NULL, NULL);
      return;
    }

  if (result->system != NULL)
    for (guint i = 0; i < result->system->warnings->len; i++)
      g_string_append_printf (text, "%s%s", text->len ? "\n" : "",
                              (char *) g_ptr_array_index (result->system->warnings, i));

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      n_unstable += point_is_unstable (point);
      if (first_failed == NULL && point_failed (point))
        first_failed = point;
    }

  if (n_unstable > 0)
    {
      g_string_append_printf (text, "%s%s ", text->len ? "\n" : "",
                              _("Times vary by more than 10 % between repetitions for"));
      append_points (text, result, point_is_unstable);
      g_string_append_printf (text, ". %s", _("More repetitions or a quieter machine give "
                                               "steadier numbers."));
    }

  if (first_failed != NULL)
    {
      g_autofree char *summary = sl_traceback_dup_summary (first_failed->error);

      g_string_append_printf (text, "%s%s ", text->len ? "\n" : "", _("Failed:"));
      append_points (text, result, point_failed);
      g_string_append_printf (text, ". %s", summary ? summary : "");
    }
  /* A Python task's error is a traceback: its first line above, the rest folded. */
  sl_traceback_set_message (self->traceback, NULL, first_failed ? first_failed->error : NULL);

  gtk_label_set_label (self->warnings_label, text->str);
  set_warnings_shown (self, text->len > 0);
}

static void
on_point_activated_cb (SlResultsView *self,
                       int            index,
                       SlChartView   *chart)
{
  /* A click on a point shows its tasks' latencies on the Tasks page. */
  sl_chart_view_set_task_point (self->tasks_chart, index);
}

static void
sl_results_view_dispose (GObject *object)
{
  sl_ui_dispose_template (GTK_WIDGET (object), SL_TYPE_RESULTS_VIEW);

  G_OBJECT_CLASS (sl_results_view_parent_class)->dispose (object);
}

static void
sl_results_view_finalize (GObject *object)
{
  SlResultsView *self = SL_RESULTS_VIEW (object);

  g_clear_pointer (&self->created, g_free);

  G_OBJECT_CLASS (sl_results_view_parent_class)->finalize (object);
}

static void
sl_results_view_class_init (SlResultsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_results_view_dispose;
  object_class->finalize = sl_results_view_finalize;

  g_type_ensure (SL_TYPE_CHART_VIEW);
  g_type_ensure (SL_TYPE_RESULT_TABLE);
  g_type_ensure (SL_TYPE_COMPARE_TABLE);
  g_type_ensure (SL_TYPE_TRACEBACK);

  sl_ui_register_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, SL_UI_RESOURCE "/sl-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, advice_box);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, advice_title);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, advice_label);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, advice_more);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, warnings_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, traceback);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, switcher);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, stack);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, time_chart);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, speedup_chart);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, efficiency_chart);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, cpu_chart);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, tasks_chart);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, table);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, compare_table);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, tasks_page);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, table_page);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, comparison_page);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SlResultsView, progress_label);
}

static void
sl_results_view_init (SlResultsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->advice_more, "toggled", G_CALLBACK (update_fold), self,
                           G_CONNECT_SWAPPED);

  for (SlChartKind kind = 0; kind < SL_CHART_TASKS; kind++)
    g_signal_connect_object (chart_for_kind (self, kind), "point-activated",
                             G_CALLBACK (on_point_activated_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
sl_results_view_new (void)
{
  return g_object_new (SL_TYPE_RESULTS_VIEW, NULL);
}

void
sl_results_view_set_result (SlResultsView  *self,
                            const SlResult *result)
{
  g_return_if_fail (SL_IS_RESULTS_VIEW (self));

  /* Another experiment has other points: the tasks chart goes back to the best one. A copy
   * of the same experiment (a running sweep's next state) keeps the choice. */
  if (result == NULL || g_strcmp0 (self->created, result->created) != 0)
    {
      sl_chart_view_set_task_point (self->tasks_chart, -1);
      g_free (self->created);
      self->created = result ? g_strdup (result->created) : NULL;
    }

  self->result = result;
  if (self->comparison != NULL)
    return;
  for (SlChartKind kind = 0; kind < SL_N_CHART_KINDS; kind++)
    sl_chart_view_set_result (chart_for_kind (self, kind), result);
  sl_result_table_update (self->table, result);
  update_advice (self);
  update_warnings (self);
}

void
sl_results_view_result_changed (SlResultsView *self)
{
  g_return_if_fail (SL_IS_RESULTS_VIEW (self));

  if (self->comparison != NULL)
    return;

  for (SlChartKind kind = 0; kind < SL_N_CHART_KINDS; kind++)
    sl_chart_view_result_changed (chart_for_kind (self, kind));
  sl_result_table_update (self->table, self->result);
  update_advice (self);
  update_warnings (self);
}

void
sl_results_view_set_progress (SlResultsView *self,
                              gboolean       running,
                              double         fraction,
                              const char    *detail)
{
  g_return_if_fail (SL_IS_RESULTS_VIEW (self));

  gtk_widget_set_opacity (GTK_WIDGET (self->progress_bar), running ? 1.0 : 0.0);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  gtk_label_set_label (self->progress_label, detail ? detail : "");
}

AdwViewStack *
sl_results_view_get_stack (SlResultsView *self)
{
  g_return_val_if_fail (SL_IS_RESULTS_VIEW (self), NULL);

  return self->stack;
}

SlChartView *
sl_results_view_get_chart (SlResultsView *self,
                           SlChartKind    kind)
{
  g_return_val_if_fail (SL_IS_RESULTS_VIEW (self), NULL);

  return chart_for_kind (self, kind);
}

SlChartView *
sl_results_view_get_visible_chart (SlResultsView *self)
{
  GtkWidget *child;

  g_return_val_if_fail (SL_IS_RESULTS_VIEW (self), NULL);

  child = adw_view_stack_get_visible_child (self->stack);
  return SL_IS_CHART_VIEW (child) ? SL_CHART_VIEW (child) : NULL;
}

SlResultTable *
sl_results_view_get_table (SlResultsView *self)
{
  g_return_val_if_fail (SL_IS_RESULTS_VIEW (self), NULL);

  return self->table;
}

const char *
sl_results_view_get_recommendation (SlResultsView *self)
{
  g_return_val_if_fail (SL_IS_RESULTS_VIEW (self), NULL);

  return gtk_label_get_label (self->advice_label);
}

const char *
sl_results_view_get_headline (SlResultsView *self)
{
  g_return_val_if_fail (SL_IS_RESULTS_VIEW (self), NULL);

  return gtk_label_get_label (self->advice_title);
}

const char *
sl_results_view_get_warnings (SlResultsView *self)
{
  g_return_val_if_fail (SL_IS_RESULTS_VIEW (self), NULL);

  return gtk_revealer_get_reveal_child (self->warnings_revealer)
         ? gtk_label_get_label (self->warnings_label) : NULL;
}

/* ---- comparing ---- */

/* "A is …; B is …", then how the table decides. */
static void
update_comparison_advice (SlResultsView *self)
{
  const SlComparison *comparison = self->comparison;
  g_autoptr(GString) text = g_string_new (NULL);
  guint slower = 0, faster = 0, same = 0;

  for (guint i = 0; i < comparison->results->len; i++)
    {
      const SlResult *result = comparison->results->pdata[i];
      const SlAnalysis *analysis = result->analysis;

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%c · %s", 'A' + (char) MIN (i, 25),
                              (const char *) comparison->labels->pdata[i]);
      if (analysis != NULL && analysis->has_best)
        g_string_append_printf (text,
                                analysis->best_model == SL_MODEL_THREADS
                                ? g_dngettext (GETTEXT_PACKAGE, ": best %.2f× with %u thread",
                                               ": best %.2f× with %u threads",
                                               analysis->best_workers)
                                : g_dngettext (GETTEXT_PACKAGE, ": best %.2f× with %u process",
                                               ": best %.2f× with %u processes",
                                               analysis->best_workers),
                                analysis->best_speedup, analysis->best_workers);
    }

  for (guint i = 0; i < comparison->rows->len; i++)
    {
      const SlCompareRow *row = &g_array_index (comparison->rows, SlCompareRow, i);

      if (!row->significant)
        same++;
      else if (row->ratio > 1)
        slower++;
      else
        faster++;
    }

  g_string_append_c (text, '\n');
  g_string_append_printf (text,
                          _("Against A, per model and worker count: %u significantly faster, "
                            "%u significantly slower, %u not significantly different. "
                            "The Comparison page has each one."),
                          faster, slower, same);

  set_advice (self, _("Comparison"), text->str);
}

void
sl_results_view_set_comparison (SlResultsView      *self,
                                const SlComparison *comparison)
{
  const char *visible;

  g_return_if_fail (SL_IS_RESULTS_VIEW (self));

  self->comparison = comparison;
  visible = adw_view_stack_get_visible_child_name (self->stack);

  adw_view_stack_page_set_visible (self->tasks_page, comparison == NULL);
  adw_view_stack_page_set_visible (self->table_page, comparison == NULL);
  adw_view_stack_page_set_visible (self->comparison_page, comparison != NULL);
  sl_compare_table_update (self->compare_table, comparison);

  if (comparison == NULL)
    {
      if (g_strcmp0 (visible, "comparison") == 0)
        adw_view_stack_set_visible_child_name (self->stack, "table");
      sl_results_view_set_result (self, self->result);
      return;
    }

  /* One page for the other: the table's place is the comparison's. */
  if (g_strcmp0 (visible, "table") == 0)
    adw_view_stack_set_visible_child_name (self->stack, "comparison");
  else if (g_strcmp0 (visible, "tasks") == 0)
    adw_view_stack_set_visible_child_name (self->stack, "speedup");

  for (SlChartKind kind = 0; kind < SL_N_CHART_KINDS; kind++)
    if (kind != SL_CHART_TASKS)
      sl_chart_view_set_overlay (chart_for_kind (self, kind),
                                 (const SlResult **) comparison->results->pdata,
                                 comparison->results->len,
                                 (const char **) comparison->labels->pdata);
  sl_chart_view_set_result (self->tasks_chart, NULL);

  update_comparison_advice (self);
  sl_traceback_set_message (self->traceback, NULL, NULL);
  gtk_label_set_label (self->warnings_label, comparison->warning ? comparison->warning : "");
  set_warnings_shown (self, comparison->warning != NULL);
}

SlCompareTable *
sl_results_view_get_compare_table (SlResultsView *self)
{
  g_return_val_if_fail (SL_IS_RESULTS_VIEW (self), NULL);

  return self->compare_table;
}

char *
sl_results_view_dup_table_text (SlResultsView *self)
{
  g_return_val_if_fail (SL_IS_RESULTS_VIEW (self), NULL);

  if (self->comparison != NULL)
    return sl_compare_table_dup_text (self->compare_table);
  if (self->result != NULL)
    return sl_result_table_dup_text (self->table);
  return NULL;
}
