/* sl-cli-print.c: the article-style table and the analysis, as the run and show commands
 * print them. */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gstdio.h>

#include "sl-analysis.h"
#include "sl-cli-chart.h"
#include "sl-cli.h"
#include "sl-error.h"
#include "sl-export.h"
#include "sl-i18n.h"
#include "sl-interval.h"
#include "sl-precision.h"
#include "sl-preset.h"
#include "sl-python.h"
#include "sl-result-io.h"
#include "sl-runner.h"
#include "sl-workloads.h"

void
sl_cli_print_wrapped (FILE       *out,
                      const char *prefix,
                      const char *text,
                      guint       width)
{
  g_autofree char *shown = sl_cli_dup_shown (text, TRUE);
  g_auto(GStrv) words = g_strsplit (shown, " ", -1);
  guint column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint len = g_utf8_strlen (words[i], -1);

      if (len == 0)
        continue;
      if (column == 0)
        column = fprintf (out, "%s%s", prefix, words[i]) > 0 ? g_utf8_strlen (prefix, -1) + len : 0;
      else if (column + 1 + len > width)
        {
          fprintf (out, "\n%*s%s", (int) g_utf8_strlen (prefix, -1), "", words[i]);
          column = g_utf8_strlen (prefix, -1) + len;
        }
      else
        {
          fprintf (out, " %s", words[i]);
          column += 1 + len;
        }
    }
  if (column > 0)
    fputc ('\n', out);
}

static char *
describe_params (const SlExperimentSpec *spec)
{
  const SlWorkload *workload = sl_workload_lookup (spec->workload);
  GString *s = g_string_new (NULL);
  g_autofree const char **names = sl_params_get_names (spec->params, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const SlParamInfo *info = workload ? sl_workload_find_param (workload, names[i]) : NULL;
      const char *value = sl_params_lookup (spec->params, names[i]);

      if (info != NULL && (info->flags & SL_PARAM_FLAG_INTERNAL))
        continue;
      if (info != NULL && info->type == SL_PARAM_STRING && (value == NULL || *value == '\0'))
        continue;
      /* Code does not fit a title line: say how much there is. */
      if (value != NULL && (strchr (value, '\n') != NULL || g_utf8_strlen (value, -1) > 40))
        {
          guint n_lines = 0;

          /* Lines, not line breaks: a final newline does not start another line. */
          for (const char *p = value; *p != '\0'; p++)
            if (*p == '\n' || p[1] == '\0')
              n_lines++;
          g_string_append_printf (s, NG_ ("%s%s=(%u line)", "%s%s=(%u lines)", n_lines),
                                  s->len ? " " : "", names[i], n_lines);
          continue;
        }
      {
        g_autofree char *name = sl_cli_dup_shown (names[i], FALSE);
        g_autofree char *shown = sl_cli_dup_shown (value ? value : "", FALSE);

        g_string_append_printf (s, "%s%s=%s", s->len ? " " : "", name, shown);
      }
    }

  return g_string_free (s, FALSE);
}

/* printf pads bytes, not characters: "×" and "±" are two bytes each. */
void
sl_cli_print_padded (FILE       *out,
                     const char *text,
                     int         width,
                     gboolean    left)
{
  int pad = width - (int) g_utf8_strlen (text, -1);

  if (!left)
    fprintf (out, "%*s", MAX (pad, 0), "");
  fputs (text, out);
  if (left)
    fprintf (out, "%*s", MAX (pad, 0), "");
}

char *
sl_cli_format_seconds (double s)
{
  if (!isfinite (s))
    return g_strdup ("—");
  if (s >= 100)
    return g_strdup_printf ("%.1f", s);
  if (s >= 1)
    return g_strdup_printf ("%.3f", s);
  if (s >= 0.001)
    return g_strdup_printf ("%.4f", s);
  return g_strdup_printf ("%.6f", s);
}

/* How a value and a point were measured, beyond the repetitions: " · 4 loops per value
 * (calibrated to 0.1 s)" when a value was more than one batch or the loops were calibrated,
 * and " · repeated until …" when points repeat for precision; "" for neither. */
static char *
describe_measurement (const SlResult *result)
{
  const SlExperimentSpec *spec = result->spec;
  GString *text = g_string_new (NULL);

  if (result->loops == 0 || (spec->loops == 1 && result->loops == 1))
    ;
  else if (spec->loops > 0)
    g_string_append_printf (text, NG_ (" · %u loop per value", " · %u loops per value",
                                       result->loops), result->loops);
  else
    /* Translators: " · 4 loops per value (calibrated to 0.1 s)" */
    g_string_append_printf (text, NG_ (" · %u loop per value (calibrated to %g s)",
                                       " · %u loops per value (calibrated to %g s)",
                                       result->loops), result->loops, spec->min_time_s);

  if (spec->until_precise_pct > 0)
    g_string_append_printf (text, _(" · repeated until the median’s 95 %% interval is within "
                                    "%g %% (%g s a point at most)"),
                            spec->until_precise_pct, spec->budget_s);

  return g_string_free (text, FALSE);
}

/* A point repeated for precision that its budget stopped first: how precise it got. */
static void
append_budget_note (GString                *notes,
                    const SlExperimentSpec *spec,
                    const SlPoint          *point)
{
  double precision = sl_precision_of_point (point);
  guint n = point->repetitions->len;
  g_autofree char *reached = NULL;

  if (isfinite (precision))
    reached = g_strdup_printf (_("its median’s interval is %.1f %% wide"), precision);
  else
    reached = g_strdup (_("too few repetitions for an interval"));
  g_string_append_printf (notes, NG_ ("  %s W=%u stopped on its budget of %g s after %u "
                                      "repetition: %s, %g %% asked\n",
                                      "  %s W=%u stopped on its budget of %g s after %u "
                                      "repetitions: %s, %g %% asked\n", n),
                          sl_model_to_string (point->model), point->workers, spec->budget_s, n,
                          reached, spec->until_precise_pct);
}

/* A point's intervals for the line under its values: the median's under the time, the
 * speedup's under the speedup; blanks where there is none. Keeps the lowest confidence of the
 * medians' intervals, and their runs, for the note under the table. */
static void
print_intervals (GString       *line,
                 const SlPoint *point,
                 double        *min_level,
                 guint         *min_runs)
{
  g_autofree char *time = NULL;
  g_autofree char *speedup = NULL;
  int pad;

  if (point != NULL && sl_point_has_measurements (point) && isfinite (point->wall.median_lo) &&
      isfinite (point->wall.median_hi))
    {
      g_autofree char *lo = sl_cli_format_seconds (point->wall.median_lo);
      g_autofree char *hi = sl_cli_format_seconds (point->wall.median_hi);

      time = g_strdup_printf ("%s–%s", lo, hi);
      if (*min_runs == 0 || point->wall.median_level < *min_level)
        {
          *min_level = MIN (*min_level, point->wall.median_level);
          *min_runs = point->wall.n;
        }
    }
  if (point != NULL && sl_point_has_measurements (point) && point->workers > 1 &&
      isfinite (point->speedup_lo) && isfinite (point->speedup_hi))
    speedup = g_strdup_printf ("%.2f–%.2f", point->speedup_lo, point->speedup_hi);

  /* The columns of the values above: 2 + 14 + 2 + 13. */
  pad = 14 - (time != NULL ? (int) g_utf8_strlen (time, -1) : 0);
  g_string_append_printf (line, "  %*s%s  ", MAX (pad, 0), "", time != NULL ? time : "");
  pad = 13 - (speedup != NULL ? (int) g_utf8_strlen (speedup, -1) : 0);
  g_string_append_printf (line, "%s%*s", speedup != NULL ? speedup : "", MAX (pad, 0), "");
}

void
sl_cli_print_result (FILE           *out,
                     const SlResult *result)
{
  const SlExperimentSpec *spec = result->spec;
  g_autofree char *workload = sl_cli_dup_shown (spec->workload, FALSE);
  g_autofree char *params = describe_params (spec);
  GString *notes = g_string_new (NULL);
  double min_level = 1.0;
  guint min_runs = 0;

  g_autofree char *measurement = describe_measurement (result);

  /* Translators: the first %s is the workload's id, then its parameters; "native runtime"; the
   * last %s is empty or " · 4 loops per value…" */
  fprintf (out, _("\n%s%s%s · %s runtime · %" PRIu64 " tasks%s · chunk %u · median of %u%s\n"),
           workload, params[0] ? " " : "", params, sl_runtime_to_string (spec->runtime),
           spec->tasks, spec->scaling == SL_SCALING_WEAK ? _(" per worker (weak scaling)") : "",
           spec->chunk, spec->repeat, measurement);
  if (result->system != NULL)
    {
      g_autofree char *cpu = sl_cli_dup_shown (result->system->cpu_model, FALSE);
      g_autofree char *kernel = sl_cli_dup_shown (result->system->kernel, FALSE);

      fprintf (out, _("%s · %u usable CPUs (%u logical) · %s\n"), cpu ? cpu : _("unknown CPU"),
               result->system->usable_cpus, result->system->logical_cpus, kernel ? kernel : "");
    }
  fputc ('\n', out);

  sl_cli_print_padded (out, _("Workers"), 7, FALSE);
  for (guint m = 0; m < spec->models->len; m++)
    {
      g_autofree char *title =
        g_strdup_printf ("%s (s)", sl_model_to_string (g_array_index (spec->models, SlModel, m)));
      fputs ("  ", out);
      sl_cli_print_padded (out, title, 14, FALSE);
      fputs ("  ", out);
      sl_cli_print_padded (out, _("speedup"), 13, TRUE);
    }
  fputc ('\n', out);

  for (guint w = 0; w < spec->workers->len; w++)
    {
      guint n = g_array_index (spec->workers, guint, w);
      GString *intervals = g_string_new (NULL);

      fprintf (out, "%7u", n);
      g_string_append_printf (intervals, "%7s", "");
      for (guint m = 0; m < spec->models->len; m++)
        {
          SlPoint *point = sl_result_find_point ((SlResult *) result,
                                                 g_array_index (spec->models, SlModel, m), n);
          g_autofree char *time = NULL;
          g_autofree char *speedup = NULL;

          print_intervals (intervals, point, &min_level, &min_runs);
          if (point == NULL || (!sl_point_has_measurements (point) &&
                                (point->status == SL_POINT_PENDING ||
                                 point->status == SL_POINT_RUNNING)))
            {
              fprintf (out, "  %14s  %-13s", "—", "");
              continue;
            }
          if (!sl_point_has_measurements (point))
            {
              const char *what = point->status == SL_POINT_FAILED ? _("failed") : _("cancelled");

              fputs ("  ", out);
              sl_cli_print_padded (out, what, 14, FALSE);
              fprintf (out, "  %-13s", "");
              /* A point cancelled before it ran needs no note: the table says it. */
              if (point->error != NULL && point->status == SL_POINT_FAILED)
                {
                  /* A worker's message can carry anything a task printed. */
                  g_autofree char *message = sl_cli_dup_shown (point->error, TRUE);

                  g_string_append_printf (notes, "  %s W=%u %s: %s\n",
                                          sl_model_to_string (point->model), n, what, message);
                }
              continue;
            }

          time = sl_cli_format_seconds (point->wall.median);
          speedup = isfinite (point->speedup) ? g_strdup_printf ("%.2f×", point->speedup)
                                              : g_strdup ("—");
          /* A point cut short by a cancel shows what it measured, marked partial (*). */
          fprintf (out, "  %13s%s  ", time,
                   point->status == SL_POINT_CANCELLED ? "*" : point->wall.unstable ? "~" : " ");
          if (point->status == SL_POINT_CANCELLED)
            g_string_append_printf (notes, _("  %s W=%u was cancelled after %u of %u repetitions "
                                      "(marked *)\n"), sl_model_to_string (point->model), n,
                                    point->repetitions->len, spec->repeat);
          sl_cli_print_padded (out, speedup, 13, TRUE);
          if (point->wall.unstable)
            g_string_append_printf (notes, _("  %s W=%u is unstable: the times vary by %.0f %% "
                                      "(marked ~)\n"), sl_model_to_string (point->model), n,
                                    point->wall.cv * 100);
          if (point->stopped_on_budget)
            append_budget_note (notes, spec, point);
        }
      fputc ('\n', out);
      /* The intervals under the values, on a line of their own when there are any. */
      if (strspn (intervals->str, " ") < intervals->len)
        {
          g_strchomp (intervals->str);
          fprintf (out, "%s\n", intervals->str);
        }
      g_string_free (intervals, TRUE);
    }

  if (min_runs > 0)
    {
      g_autofree char *legend = NULL;

      if (min_level >= SL_CONFIDENCE)
        /* Translators: the number is a percentage */
        legend = g_strdup_printf (_("Under each median and speedup: its %.0f %% interval (the "
                                    "median's from order statistics, the speedup's by "
                                    "bootstrap)."), 100.0 * SL_CONFIDENCE);
      else
        /* Translators: a percentage, a number of runs, a percentage */
        legend = g_strdup_printf (_("Under each median and speedup: its interval. The median's is "
                                    "the whole range below 6 runs (%.0f %% confidence with %u), "
                                    "the speedup's a %.0f %% bootstrap interval."),
                                  100.0 * min_level, min_runs, 100.0 * SL_CONFIDENCE);
      fputc ('\n', out);
      sl_cli_print_wrapped (out, "  ", legend, 78);
    }

  if (notes->len > 0)
    fprintf (out, "\n%s", notes->str);
  g_string_free (notes, TRUE);

  if (result->analysis != NULL && result->analysis->recommendation != NULL)
    {
      fputc ('\n', out);
      sl_cli_print_wrapped (out, "", result->analysis->recommendation, 78);
    }

  if (result->system != NULL && result->system->warnings->len > 0)
    {
      fputc ('\n', out);
      for (guint i = 0; i < result->system->warnings->len; i++)
        sl_cli_print_wrapped (out, _("Warning: "), g_ptr_array_index (result->system->warnings, i),
                              78);
    }

  if (result->status == SL_RESULT_CANCELLED)
    fprintf (out, _("\nThe run was interrupted: the table shows what was measured.\n"));
}
