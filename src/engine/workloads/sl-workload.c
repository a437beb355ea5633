/* sl-workload.c: the workload registry, and checking parameter values against a workload. */
#define G_LOG_DOMAIN "sl-workload"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-number.h"
#include "sl-workload.h"
#include "sl-workloads.h"

/* Display order. Add a workload here and declare it in sl-workloads.h. */
static const SlWorkload *const registry[] = {
  &sl_workload_cpu_sum,
  &sl_workload_cpu_fib,
  &sl_workload_cpu_primes,
  &sl_workload_cpu_hash,
  &sl_workload_mem_stream,
  &sl_workload_noop,
  &sl_workload_io_http,
  &sl_workload_io_sleep,
  &sl_workload_io_file,
  &sl_workload_mixed,
  &sl_workload_python_custom,
  &sl_workload_test_crash,
  &sl_workload_test_exit,
  &sl_workload_test_hang,
  &sl_workload_test_garbage,
  &sl_workload_test_fail,
  &sl_workload_test_pid,
};

gboolean
sl_workload_test_workloads_enabled (void)
{
  return g_strcmp0 (g_getenv ("SPEEDUP_LAB_TEST_WORKLOADS"), "1") == 0;
}

const SlWorkload *
sl_workload_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (registry); i++)
    {
      if (!g_str_equal (registry[i]->id, id))
        continue;
      if ((registry[i]->flags & SL_WORKLOAD_FLAG_TEST_ONLY) && !sl_workload_test_workloads_enabled ())
        return NULL;
      return registry[i];
    }

  return NULL;
}

const SlWorkload **
sl_workload_list (guint *n_workloads)
{
  static const SlWorkload *visible[G_N_ELEMENTS (registry) + 1];
  gboolean with_tests = sl_workload_test_workloads_enabled ();
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (registry); i++)
    {
      if ((registry[i]->flags & SL_WORKLOAD_FLAG_TEST_ONLY) && !with_tests)
        continue;
      visible[n++] = registry[i];
    }
  visible[n] = NULL;

  if (n_workloads != NULL)
    *n_workloads = n;

  return visible;
}

const SlParamInfo *
sl_workload_find_param (const SlWorkload *workload,
                        const char       *name)
{
  g_return_val_if_fail (workload != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < workload->n_params; i++)
    {
      if (g_str_equal (workload->params[i].name, name))
        return &workload->params[i];
    }

  return NULL;
}

const char *
sl_workload_kind_to_string (SlWorkloadKind kind)
{
  switch (kind)
    {
    case SL_WORKLOAD_KIND_CPU: return "cpu";
    case SL_WORKLOAD_KIND_IO: return "io";
    case SL_WORKLOAD_KIND_MIXED: return "mixed";
    case SL_WORKLOAD_KIND_MEMORY: return "memory";
    case SL_WORKLOAD_KIND_OVERHEAD: return "overhead";
    default: g_return_val_if_reached ("cpu");
    }
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

/* The value as written: "1e999" is out of range, not "inf". */
static void
set_range_error (const SlParamInfo  *info,
                 const char         *text,
                 GError            **error)
{
  g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
               /* Translators: "Parameter n = 0 is out of range 1–1000000000000 integers" */
               _("Parameter %s = %s is out of range %.15g–%.15g%s%s"),
               info->name, text, info->min, info->max,
               info->unit ? " " : "", info->unit ? _(info->unit) : "");
}

/* Numbers are decimal (sl-number.h), so that "0x10" is a mistake said, not 16 measured. */
char *
sl_workload_normalize_param (const SlWorkload  *workload,
                             const SlParamInfo *info,
                             const char        *text,
                             GError           **error)
{
  SlNumberStatus status;
  double v = 0;

  switch (info->type)
    {
    case SL_PARAM_INT:
      /* A scientific shorthand such as 1e8 is allowed for big counts. */
      status = sl_number_parse_decimal (text, &v);
      if (status == SL_NUMBER_MALFORMED || (status == SL_NUMBER_OK && v != floor (v)))
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       status == SL_NUMBER_MALFORMED
                       ? _("Parameter %s of %s must be a whole number in decimal notation, "
                           "not “%s”")
                       : _("Parameter %s of %s must be a whole number, not “%s”"),
                       info->name, workload->id, text);
          return NULL;
        }
      if (status == SL_NUMBER_OUT_OF_RANGE || v < info->min || v > info->max)
        {
          set_range_error (info, text, error);
          return NULL;
        }
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) v);

    case SL_PARAM_DOUBLE:
      status = sl_number_parse_decimal (text, &v);
      if (status == SL_NUMBER_MALFORMED)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("Parameter %s of %s must be a number in decimal notation, not “%s”"),
                       info->name, workload->id, text);
          return NULL;
        }
      if (status == SL_NUMBER_OUT_OF_RANGE || v < info->min || v > info->max)
        {
          set_range_error (info, text, error);
          return NULL;
        }
      return format_number (v);

    case SL_PARAM_BOOL:
      if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1") ||
          g_ascii_strcasecmp (text, "yes") == 0 || g_ascii_strcasecmp (text, "on") == 0)
        return g_strdup ("true");
      if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0") ||
          g_ascii_strcasecmp (text, "no") == 0 || g_ascii_strcasecmp (text, "off") == 0)
        return g_strdup ("false");
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Parameter %s of %s must be true or false, not “%s”"),
                   info->name, workload->id, text);
      return NULL;

    case SL_PARAM_STRING:
      if (!g_utf8_validate (text, -1, NULL))
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("Parameter %s of %s is not valid UTF-8"), info->name, workload->id);
          return NULL;
        }
      return g_strdup (text);

    default:
      g_assert_not_reached ();
    }
}

void
sl_workload_set_unknown_param_error (const SlWorkload  *workload,
                                     const char        *name,
                                     GError           **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  for (guint j = 0; j < workload->n_params; j++)
    {
      if (workload->params[j].flags & SL_PARAM_FLAG_INTERNAL)
        continue;
      g_string_append_printf (known, "%s%s", known->len ? ", " : "", workload->params[j].name);
    }
  g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
               _("Workload %s has no parameter “%s” (it has: %s)"),
               workload->id, name, known->len ? known->str : _("none"));
}

void
sl_workload_add_problem (GPtrArray  *problems,
                         const char *name,
                         const char *format,
                         ...)
{
  g_autofree char *field = name != NULL ? g_strconcat (SL_SPEC_FIELD_PARAMS ".", name, NULL)
                                        : g_strdup (SL_SPEC_FIELD_PARAMS);
  va_list args;

  va_start (args, format);
  sl_spec_problems_add_valist (problems, field, format, args);
  va_end (args);
}

static void
add_error_problem (GPtrArray  *problems,
                   const char *name,
                   GError     *error)
{
  sl_workload_add_problem (problems, name, "%s", error->message);
  g_error_free (error);
}

SlParams *
sl_workload_check_params (const SlWorkload *workload,
                          const SlParams   *given,
                          GPtrArray        *problems)
{
  g_autoptr(SlParams) resolved = sl_params_new ();
  guint n_problems;

  g_return_val_if_fail (workload != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  n_problems = problems->len;

  /* Internal parameters may come back from a saved result: they are the workload's, taken
   * silently. */
  if (given != NULL)
    {
      g_autofree const char **names = sl_params_get_names (given, NULL);

      for (guint i = 0; names[i] != NULL; i++)
        if (sl_workload_find_param (workload, names[i]) == NULL)
          {
            GError *error = NULL;

            sl_workload_set_unknown_param_error (workload, names[i], &error);
            add_error_problem (problems, names[i], error);
          }
    }

  for (guint i = 0; i < workload->n_params; i++)
    {
      const SlParamInfo *info = &workload->params[i];
      const char *text = given ? sl_params_lookup (given, info->name) : NULL;
      g_autofree char *value = NULL;
      GError *error = NULL;

      /* An empty string parameter is a valid "not set" for strings only. */
      if (text == NULL)
        text = info->default_value ? info->default_value : "";

      value = sl_workload_normalize_param (workload, info, text, &error);
      if (value == NULL)
        add_error_problem (problems, info->name, error);
      else
        sl_params_set (resolved, info->name, value);
    }

  /* The rules between parameters read every one of them. */
  if (problems->len > n_problems)
    return NULL;

  if (workload->check != NULL)
    workload->check (resolved, problems);

  return problems->len > n_problems ? NULL : g_steal_pointer (&resolved);
}

SlParams *
sl_workload_resolve_params (const SlWorkload *workload,
                            const SlParams   *given,
                            GError          **error)
{
  g_autoptr(GPtrArray) problems = sl_spec_problems_new ();
  SlParams *resolved;

  g_return_val_if_fail (workload != NULL, NULL);

  resolved = sl_workload_check_params (workload, given, problems);
  if (resolved == NULL)
    {
      const SlSpecProblem *first;

      g_assert (problems->len > 0);
      first = g_ptr_array_index (problems, 0);
      g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT, first->message);
    }

  return resolved;
}

guint64
sl_workload_default_tasks (const SlWorkload *workload,
                           const SlParams   *params)
{
  g_return_val_if_fail (workload != NULL, 64);

  if (workload->default_tasks != NULL)
    return workload->default_tasks (params);
  if (workload->n_default_tasks > 0)
    return workload->n_default_tasks;

  return 64;
}

void
sl_split_range (guint64  total,
                guint64  parts,
                guint64  index,
                guint64 *start,
                guint64 *end)
{
  guint64 base, extra;

  g_assert (parts > 0 && index < parts);

  /* The first `extra` ranges get one more element; no 128-bit products needed. */
  base = total / parts;
  extra = total % parts;
  *start = index * base + MIN (index, extra);
  *end = *start + base + (index < extra ? 1 : 0);
}
