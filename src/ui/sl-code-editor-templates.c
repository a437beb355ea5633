/* sl-code-editor-templates.c: the editor's menu of templates (the article's experiments, an
 * empty task; numpy only where the worker's interpreter can import it). */
#define G_LOG_DOMAIN "sl-code-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-code-editor-private.h"
#include "sl-python.h"
#include "sl-python-sources.h"

typedef struct {
  const char *id;
  const char *label;
  const char *source;
} Template;

static const Template templates[] = {
  { "sum", N_("The article’s sum (pure Python, holds the GIL)"), SL_PYTHON_SOURCE_CPU_SUM },
  { "fib", N_("The article’s Fibonacci (recursive, holds the GIL)"), SL_PYTHON_SOURCE_CPU_FIB },
  { "fetch", N_("The article’s page fetch (waits on the network)"),
    SL_PYTHON_SOURCE_CUSTOM_PAGE_FETCH },
  { "hash", N_("hashlib SHA-256 (releases the GIL)"), SL_PYTHON_SOURCE_CPU_HASH },
  { "numpy", N_("numpy matrix product (a C extension)"), SL_PYTHON_SOURCE_CUSTOM_NUMPY },
  { "empty", N_("An empty task(index, count, **params)"), SL_PYTHON_SOURCE_CUSTOM_EMPTY },
};

/* Whether the worker's interpreter can import numpy: asked once per process, since every
 * editor asks the same worker. */
typedef enum {
  NUMPY_UNKNOWN,
  NUMPY_ASKING,
  NUMPY_YES,
  NUMPY_NO,
} NumpyState;

static NumpyState numpy_state = NUMPY_UNKNOWN;
static GPtrArray *numpy_waiters; /* weak SlCodeEditor* that want the menu rebuilt */

static gboolean
template_offered (const Template *template)
{
  return !g_str_equal (template->id, "numpy") || numpy_state == NUMPY_YES;
}

static const Template *
template_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (g_str_equal (templates[i].id, id) && template_offered (&templates[i]))
      return &templates[i];

  return NULL;
}

static void
rebuild_template_menu (SlCodeEditor *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (template_offered (&templates[i]))
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(templates[i].label), NULL);

        g_menu_item_set_action_and_target (item, "editor.template", "s", templates[i].id);
        g_menu_append_item (menu, item);
      }

  gtk_menu_button_set_menu_model (self->template_button, G_MENU_MODEL (menu));
}

static void
numpy_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_auto(SlPythonCheck) check = { 0 };
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&numpy_waiters);

  numpy_state = sl_python_check_code_finish (result, &check, NULL) && check.ok ? NUMPY_YES
                                                                               : NUMPY_NO;
  for (guint i = 0; i < waiters->len; i++)
    {
      GWeakRef *ref = g_ptr_array_index (waiters, i);
      g_autoptr(SlCodeEditor) editor = g_weak_ref_get (ref);

      if (editor != NULL && editor->buffer != NULL)
        rebuild_template_menu (editor);
    }
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
ask_numpy (SlCodeEditor *self)
{
  GWeakRef *ref;

  if (numpy_state != NUMPY_UNKNOWN && numpy_state != NUMPY_ASKING)
    return;

  if (numpy_waiters == NULL)
    numpy_waiters = g_ptr_array_new_with_free_func (weak_ref_free);
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  g_ptr_array_add (numpy_waiters, ref);

  if (numpy_state == NUMPY_UNKNOWN && !sl_python_available (NULL))
    {
      numpy_state = NUMPY_NO;
      g_clear_pointer (&numpy_waiters, g_ptr_array_unref);
    }
  else if (numpy_state == NUMPY_UNKNOWN)
    {
      numpy_state = NUMPY_ASKING;
      sl_python_check_code_async ("import numpy\n\n\ndef task(index, count, **params):\n"
                                  "    return 0\n", NULL, numpy_checked_cb, NULL);
    }
}

const char **
sl_code_editor_list_templates (SlCodeEditor *self)
{
  static const char *offered[G_N_ELEMENTS (templates) + 1];
  guint n = 0;

  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (template_offered (&templates[i]))
      offered[n++] = templates[i].id;
  offered[n] = NULL;

  return offered;
}

gboolean
sl_code_editor_apply_template (SlCodeEditor *self,
                               const char   *id)
{
  const Template *template;

  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  template = template_lookup (id);
  if (template == NULL)
    return FALSE;

  sl_editor_replace_text (self, template->source, TRUE);
  return TRUE;
}

void
sl_editor_template_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  sl_code_editor_apply_template (SL_CODE_EDITOR (widget), g_variant_get_string (parameter, NULL));
}

void
sl_editor_init_templates (SlCodeEditor *self)
{
  rebuild_template_menu (self);
  ask_numpy (self);
}
