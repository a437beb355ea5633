/* sl-analysis-json.c: the analysis as the result document stores it. It is only ever written:
 * loading a document derives the analysis afresh from the measurements. */
#define G_LOG_DOMAIN "sl-result"

#include "config.h"

#include "sl-analysis.h"
#include "sl-json.h"

void
sl_analysis_add_json (JsonBuilder      *builder,
                      const SlAnalysis *analysis)
{
  json_builder_set_member_name (builder, "analysis");
  if (analysis == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  if (analysis->has_best)
    {
      sl_json_add_string (builder, "best_runtime", sl_runtime_to_string (analysis->best_runtime));
      sl_json_add_string (builder, "best_model", sl_model_to_string (analysis->best_model));
      sl_json_add_int (builder, "best_workers", analysis->best_workers);
    }
  else
    {
      sl_json_add_string (builder, "best_runtime", NULL);
      sl_json_add_string (builder, "best_model", NULL);
      sl_json_add_string (builder, "best_workers", NULL);
    }
  sl_json_add_double (builder, "best_speedup", analysis->best_speedup);
  sl_json_add_double (builder, "serial_fraction", analysis->serial_fraction);
  sl_json_add_string (builder, "recommendation", analysis->recommendation);

  json_builder_set_member_name (builder, "models");
  json_builder_begin_array (builder);
  for (guint i = 0; analysis->models != NULL && i < analysis->models->len; i++)
    {
      const SlModelAnalysis *ma = &g_array_index (analysis->models, SlModelAnalysis, i);

      json_builder_begin_object (builder);
      sl_json_add_string (builder, "runtime", sl_runtime_to_string (ma->runtime));
      sl_json_add_string (builder, "model", sl_model_to_string (ma->model));
      sl_json_add_int (builder, "best_workers", ma->best_workers);
      sl_json_add_double (builder, "best_time_s", ma->best_time_s);
      sl_json_add_double (builder, "best_speedup", ma->best_speedup);
      sl_json_add_string (builder, "best_basis", sl_best_basis_to_string (ma->best_basis));
      sl_json_add_int (builder, "fastest_workers", ma->fastest_workers);
      sl_json_add_double (builder, "fastest_time_s", ma->fastest_time_s);
      sl_json_add_int (builder, "comparisons", ma->comparisons);
      sl_json_add_int (builder, "repetitions_needed", ma->repetitions_needed);
      sl_json_add_int (builder, "amdahl_cpus", ma->amdahl_cpus);
      sl_json_add_double (builder, "amdahl_a", ma->amdahl_a);
      sl_json_add_double (builder, "amdahl_b", ma->amdahl_b);
      sl_json_add_double (builder, "serial_fraction", ma->serial_fraction);
      sl_json_add_double (builder, "amdahl_r2", ma->amdahl_r2);
      sl_json_add_double (builder, "usl_sigma", ma->usl_sigma);
      sl_json_add_double (builder, "usl_kappa", ma->usl_kappa);
      sl_json_add_double (builder, "usl_peak_workers", ma->usl_peak_workers);
      sl_json_add_bool (builder, "fitted", ma->fitted);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}
