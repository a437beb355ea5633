/* sl-spec-problem.c: one problem of an experiment spec, and lists of them. */
#define G_LOG_DOMAIN "sl-spec-problem"

#include "config.h"

#include "sl-spec-problem.h"

SlSpecProblem *
sl_spec_problem_new (const char *field,
                     const char *message)
{
  SlSpecProblem *problem;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  problem = g_new0 (SlSpecProblem, 1);
  problem->field = g_strdup (field);
  problem->message = g_strdup (message);

  return problem;
}

void
sl_spec_problem_free (SlSpecProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

GPtrArray *
sl_spec_problems_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) sl_spec_problem_free);
}

void
sl_spec_problems_add_valist (GPtrArray  *problems,
                             const char *field,
                             const char *format,
                             va_list     args)
{
  g_autofree char *message = NULL;

  g_return_if_fail (problems != NULL);

  message = g_strdup_vprintf (format, args);
  g_ptr_array_add (problems, sl_spec_problem_new (field, message));
}

void
sl_spec_problems_add (GPtrArray  *problems,
                      const char *field,
                      const char *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  sl_spec_problems_add_valist (problems, field, format, args);
  va_end (args);
}
