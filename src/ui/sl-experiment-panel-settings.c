/* sl-experiment-panel-settings.c: the form to and from GSettings, so that the last
 * configuration comes back at the next start. */
#define G_LOG_DOMAIN "sl-experiment-panel"

#include "config.h"

#include "sl-experiment-panel-private.h"
#include "sl-python.h"

/* ---- settings ---- */

void
sl_experiment_panel_load_settings (SlExperimentPanel *self,
                                   GSettings         *settings)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(GVariant) params = NULL;
  g_auto(GStrv) models = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *custom = NULL;
  GVariantIter iter;
  const char *key, *value;

  g_return_if_fail (SL_IS_EXPERIMENT_PANEL (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  preset = g_settings_get_string (settings, "preset");
  g_free (spec->preset);
  spec->preset = *preset ? g_steal_pointer (&preset) : NULL;
  g_free (spec->workload);
  spec->workload = g_settings_get_string (settings, "workload");

  params = g_settings_get_value (settings, "params");
  g_variant_iter_init (&iter, params);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    sl_params_set (spec->params, key, value);

  spec->runtime = g_settings_get_enum (settings, "runtime");
  models = g_settings_get_strv (settings, "models");
  g_array_set_size (spec->models, 0);
  for (guint i = 0; models[i] != NULL; i++)
    {
      SlModel model;

      if (sl_model_from_string (models[i], &model))
        g_array_append_val (spec->models, model);
    }

  spec->tasks = g_settings_get_uint64 (settings, "tasks");
  spec->chunk = g_settings_get_uint (settings, "chunk");
  spec->repeat = g_settings_get_uint (settings, "repeat");
  spec->warmup = g_settings_get_uint (settings, "warmup");
  spec->timeout_s = g_settings_get_double (settings, "timeout");
  spec->loops = g_settings_get_uint (settings, "loops");
  spec->min_time_s = g_settings_get_double (settings, "min-time");
  spec->until_precise_pct = g_settings_get_double (settings, "until-precise");
  spec->budget_s = g_settings_get_double (settings, "budget");
  spec->scaling = g_settings_get_enum (settings, "scaling");
  spec->order = g_settings_get_enum (settings, "order");

  /* The worker counts live in the slider's own terms; the spec's list is left empty so that
   * set_spec leaves the slider alone. */
  g_array_set_size (spec->workers, 0);
  custom = g_settings_get_string (settings, "custom-workers");
  self->updating++;
  sl_worker_slider_set_custom_text (self->worker_slider, custom);
  sl_worker_slider_set_sweep (self->worker_slider, g_settings_get_enum (settings, "sweep"));
  sl_worker_slider_set_max_workers (self->worker_slider,
                                    g_settings_get_uint (settings, "max-workers"));
  self->updating--;

  sl_experiment_panel_set_spec (self, spec);
}

void
sl_experiment_panel_save_settings (SlExperimentPanel *self,
                                   GSettings         *settings)
{
  g_autoptr(SlExperimentSpec) spec = NULL;
  g_autofree const char **names = NULL;
  g_autoptr(GStrvBuilder) models = g_strv_builder_new ();
  g_auto(GStrv) model_names = NULL;
  GVariantBuilder params;

  g_return_if_fail (SL_IS_EXPERIMENT_PANEL (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  spec = sl_panel_build_spec (self, FALSE, NULL);

  g_variant_builder_init (&params, G_VARIANT_TYPE ("a{ss}"));
  names = sl_params_get_names (spec->params, NULL);
  /* A person's code may be long: the code editor keeps it in a file of its own. */
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_str_equal (names[i], SL_PYTHON_CODE_PARAM))
      g_variant_builder_add (&params, "{ss}", names[i],
                             sl_params_lookup (spec->params, names[i]));
  for (guint i = 0; i < spec->models->len; i++)
    g_strv_builder_add (models, sl_model_to_string (g_array_index (spec->models, SlModel, i)));
  model_names = g_strv_builder_end (models);

  g_settings_set_string (settings, "preset", spec->preset ? spec->preset : "");
  g_settings_set_string (settings, "workload", spec->workload);
  g_settings_set_value (settings, "params", g_variant_builder_end (&params));
  g_settings_set_enum (settings, "runtime", spec->runtime);
  g_settings_set_strv (settings, "models", (const char * const *) model_names);
  g_settings_set_uint (settings, "max-workers",
                       sl_worker_slider_get_max_workers (self->worker_slider));
  g_settings_set_enum (settings, "sweep", sl_worker_slider_get_sweep (self->worker_slider));
  g_settings_set_string (settings, "custom-workers",
                         sl_worker_slider_get_custom_text (self->worker_slider));
  g_settings_set_uint64 (settings, "tasks", spec->tasks);
  g_settings_set_uint (settings, "chunk", spec->chunk);
  g_settings_set_uint (settings, "repeat", spec->repeat);
  g_settings_set_uint (settings, "warmup", spec->warmup);
  g_settings_set_double (settings, "timeout", spec->timeout_s);
  g_settings_set_uint (settings, "loops", spec->loops);
  g_settings_set_double (settings, "min-time", spec->min_time_s);
  g_settings_set_double (settings, "until-precise", spec->until_precise_pct);
  g_settings_set_double (settings, "budget", spec->budget_s);
  g_settings_set_enum (settings, "scaling", spec->scaling);
  g_settings_set_enum (settings, "order", spec->order);
}
