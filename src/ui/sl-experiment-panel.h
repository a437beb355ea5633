/* sl-experiment-panel.h: the sidebar where a person sets up an experiment: preset, workload and
 * its parameters, runtime, models, worker counts and the finer settings.
 *
 * It builds an SlExperimentSpec from its widgets, checks it after every change, and marks the
 * widget of each field that holds a problem with the checker's message; `can-run` tells whether
 * the spec may run, and `problem-summary` why not.
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-experiment-spec.h"
#include "sl-result.h"
#include "sl-worker-slider.h"

G_BEGIN_DECLS

#define SL_TYPE_EXPERIMENT_PANEL (sl_experiment_panel_get_type ())

G_DECLARE_FINAL_TYPE (SlExperimentPanel, sl_experiment_panel, SL, EXPERIMENT_PANEL, GtkWidget)

/* An empty form: fill it with sl_experiment_panel_load_settings(), _set_spec() or
 * _apply_preset(). */
GtkWidget        *sl_experiment_panel_new                 (void);

/* The spec the widgets hold now. Text typed into a number field counts once committed:
 * sl_experiment_panel_commit() commits it, as leaving the field would. */
SlExperimentSpec *sl_experiment_panel_dup_spec            (SlExperimentPanel      *self);
void              sl_experiment_panel_commit              (SlExperimentPanel      *self);
/* Fills every widget from `spec` (not validated: the user's own input comes back as it was). */
void              sl_experiment_panel_set_spec            (SlExperimentPanel      *self,
                                                           const SlExperimentSpec *spec);
gboolean          sl_experiment_panel_apply_preset        (SlExperimentPanel      *self,
                                                           const char             *preset_id,
                                                           GError                **error);
/* The preset the form holds unchanged, or NULL. */
const char       *sl_experiment_panel_get_preset          (SlExperimentPanel      *self);

gboolean          sl_experiment_panel_get_can_run         (SlExperimentPanel      *self);
/* Why it cannot run, for a person; NULL when it can. */
const char       *sl_experiment_panel_get_problem_summary (SlExperimentPanel      *self);
/* Marks the widget of `field` ("params.n", "workers", …) with `message`, or clears its mark
 * when `message` is NULL. The one way a widget is marked invalid. */
void              sl_experiment_panel_mark_field          (SlExperimentPanel      *self,
                                                           const char             *field,
                                                           const char             *message);
/* The widget a person types into or toggles for `field`, or NULL. */
GtkWidget        *sl_experiment_panel_get_field_widget    (SlExperimentPanel      *self,
                                                           const char             *field);
/* The message the widget of `field` is marked with, or NULL. */
const char       *sl_experiment_panel_get_field_problem   (SlExperimentPanel      *self,
                                                           const char             *field);
SlWorkerSlider   *sl_experiment_panel_get_worker_slider   (SlExperimentPanel      *self);
void              sl_experiment_panel_set_usable_cpus     (SlExperimentPanel      *self,
                                                           guint                   usable_cpus);
/* No edits while a sweep runs; the panel still scrolls. */
void              sl_experiment_panel_set_locked          (SlExperimentPanel      *self,
                                                           gboolean                locked);

/* A finished sweep of the person's own code: the code editor marks the line where its first
 * failed point's traceback ends, if the editor still holds the code that ran. */
void              sl_experiment_panel_show_failures       (SlExperimentPanel      *self,
                                                           const SlResult         *result);

void              sl_experiment_panel_load_settings       (SlExperimentPanel      *self,
                                                           GSettings              *settings);
void              sl_experiment_panel_save_settings       (SlExperimentPanel      *self,
                                                           GSettings              *settings);

G_END_DECLS
