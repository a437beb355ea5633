/* sl-experiment-panel-private.h: the panel's instance and what its files share: the form's
 * fields (sl-experiment-panel-fields.c), presets and workloads (sl-experiment-panel.c), the
 * generated parameter rows (sl-experiment-panel-params.c), the spec and its check
 * (sl-experiment-panel-check.c) and the settings (sl-experiment-panel-settings.c). */
#pragma once

#include <adwaita.h>

#include "sl-experiment-panel.h"

G_BEGIN_DECLS

typedef struct {
  GtkWidget *row;           /* what carries the mark */
  GtkWidget *input;         /* what a person edits */
  GtkLabel  *message;       /* a field row's own message line, or NULL: the subtitle is used */
  char      *text;          /* the subtitle or message line without a mark */
  char      *problem;       /* the mark, or NULL */
  char      *typed_problem; /* text typed in a spin button that the spec cannot hold */
  gboolean   typed;         /* a number typed in a spin button and not taken yet: */
  double     typed_value;   /* the validator checks it as the spec will hold it */
  const SlParamInfo *info;  /* parameters only */
} Field;

struct _SlExperimentPanel
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkScrolledWindow *scroller;
  GtkWidget         *content;
  AdwComboRow       *preset_row;
  AdwComboRow       *workload_row;
  AdwActionRow      *runtime_row;
  GtkToggleButton   *native_button;
  GtkToggleButton   *python_button;
  AdwActionRow      *models_row;
  GtkCheckButton    *threads_check;
  GtkCheckButton    *processes_check;
  AdwPreferencesGroup *params_group;
  SlWorkerSlider    *worker_slider;
  AdwExpanderRow    *advanced_row;
  AdwActionRow      *tasks_row;
  GtkSpinButton     *tasks_spin;
  AdwActionRow      *chunk_row;
  GtkSpinButton     *chunk_spin;
  AdwActionRow      *repeat_row;
  GtkSpinButton     *repeat_spin;
  AdwActionRow      *warmup_row;
  GtkSpinButton     *warmup_spin;
  AdwActionRow      *loops_row;
  GtkSpinButton     *loops_spin;
  AdwActionRow      *min_time_row;
  GtkSpinButton     *min_time_spin;
  AdwActionRow      *until_precise_row;
  GtkSpinButton     *until_precise_spin;
  AdwActionRow      *budget_row;
  GtkSpinButton     *budget_spin;
  AdwActionRow      *timeout_row;
  GtkSpinButton     *timeout_spin;
  AdwComboRow       *scaling_row;
  AdwComboRow       *order_row;
  GtkRevealer       *problem_revealer;
  GtkLabel          *problem_label;

  /* owned */
  GHashTable        *fields;        /* field id -> Field */
  GPtrArray         *param_rows;    /* the rows of the current workload's parameters */
  GPtrArray         *problems;      /* SlSpecProblem* of the last check */
  char              *problem_summary;
  char              *preset;        /* the preset the form holds unchanged, or NULL */
  char              *python_reason; /* why the python runtime is unavailable, or NULL */
  guint              n_presets;
  guint              updating;      /* > 0 while the panel fills its own widgets */
  gboolean           can_run;
};

/* sl-experiment-panel-fields.c */
void              sl_panel_field_free         (gpointer           data);
Field            *sl_panel_register_field     (SlExperimentPanel *self,
                                              const char        *id,
                                              GtkWidget         *row,
                                              GtkWidget         *input,
                                              GtkLabel          *message);
/* The text shown under a field when it is not marked (it may change: the tasks default). */
void              sl_panel_set_field_text     (SlExperimentPanel *self,
                                              const char        *id,
                                              const char        *text);
/* A field of the template: a spin button (checked as it is typed) or another widget. */
void              sl_panel_register_fixed_field (SlExperimentPanel *self,
                                                const char        *id,
                                                GtkWidget         *row,
                                                GtkWidget         *input);

/* A word the spin button shows instead of 0 (where 0 means "none" or "the default"), and
 * takes when it is typed. */
void              sl_panel_set_zero_text      (GtkSpinButton     *spin,
                                              const char        *text);

/* sl-experiment-panel.c */
/* Any edit by hand: leaves the preset, checks the form again. */
void              sl_panel_edited             (SlExperimentPanel *self);
const SlWorkload *sl_panel_selected_workload  (SlExperimentPanel *self);
/* Keeps the problems of a check (taking them), and says so: the strip under the form,
 * can-run, problem-summary, changed. */
void              sl_panel_take_problems      (SlExperimentPanel *self,
                                              GPtrArray         *problems);

/* sl-experiment-panel-check.c */
/* The spec the widgets hold, with the numbers typed and not taken yet when `as_typed`;
 * `workers_error` says why the worker list does not parse. */
SlExperimentSpec *sl_panel_build_spec         (SlExperimentPanel *self,
                                              gboolean           as_typed,
                                              GError           **workers_error);
/* Checks the form and marks every field with its problem. */
void              sl_panel_recheck            (SlExperimentPanel *self);

/* sl-experiment-panel-params.c */
char             *sl_panel_format_number      (double             value,
                                              gboolean           integer);
void              sl_panel_spin_text_changed  (GtkEditable       *editable,
                                              SlExperimentPanel *self);
void              sl_panel_clear_param_rows   (SlExperimentPanel *self);
/* Rows for every parameter a person may set, with `params`' values (defaults for the rest). */
void              sl_panel_build_param_rows   (SlExperimentPanel *self,
                                              const SlWorkload  *workload,
                                              const SlParams    *params);
/* The value a field holds, as the spec's text; a number typed and not taken yet when
 * `as_typed`. */
char             *sl_panel_field_value        (Field             *field,
                                              gboolean           as_typed);
/* The number a spin button holds; the one typed and not taken yet when `as_typed`. */
double            sl_panel_field_number       (Field             *field,
                                              gboolean           as_typed);
/* What the field holds that cannot be taken yet (a number typed, unchecked or wrong code). */
const char       *sl_panel_field_pending_problem (Field          *field);
/* Run was asked for: the code editor checks what was typed since its last check now. */
void              sl_panel_commit_code        (Field             *field);

G_END_DECLS
