/* sl-spec-problem.c: one problem of an experiment spec, and lists of them. */
#define G_LOG_DOMAIN "sl-spec-problem"

#include "config.h"

#include "sl-spec-problem.h"
#include "sl-text.h"

SlSpecProblem *
sl_spec_problem_new (const char *field,
                     const char *message)
{
  SlSpecProblem *problem;
  g_autofree char *redacted = NULL;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  /* A problem quotes the value it is about, which may be a URL with its password, or text
   * from a file: every front end shows it as it is here. */
  redacted = sl_text_redact_credentials (message);
  problem = g_new0 (SlSpecProblem, 1);
  problem->field = g_strdup (field);
  problem->message = sl_text_make_printable (redacted, TRUE);

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
