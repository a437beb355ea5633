/* sl-code-editor-draft.c: the code kept between sessions, in a file of the user's data folder,
 * written a moment after each change and when the editor goes. */
#define G_LOG_DOMAIN "sl-code-editor"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "sl-code-editor-private.h"
#include "sl-file.h"
#include "sl-python.h"
#include "sl-python-sources.h"

/* The pause in typing after which the draft is written. */
#define DRAFT_DELAY_MS 1000

char *
sl_code_editor_dup_draft_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "speedup-lab", "custom-code.py", NULL);
}

void
sl_code_editor_restore_draft (SlCodeEditor *self)
{
  g_autofree char *path = sl_code_editor_dup_draft_path ();
  g_autofree char *text = NULL;

  g_return_if_fail (SL_IS_CODE_EDITOR (self));

  /* Read as an opened file is, within the same limit. */
  text = sl_python_read_code_file (path, NULL, NULL);
  if (text == NULL)
    text = g_strdup (SL_PYTHON_SOURCE_CUSTOM_SAMPLE);

  sl_code_editor_set_text (self, text);
  /* What is shown is what the file holds (or the sample, which need not be kept). */
  self->draft_dirty = FALSE;
  g_clear_handle_id (&self->draft_source, g_source_remove);
}

gboolean
sl_code_editor_save_draft (SlCodeEditor *self,
                           GError      **error)
{
  g_autofree char *path = sl_code_editor_dup_draft_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *text = NULL;

  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), FALSE);

  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (!self->draft_dirty)
    return TRUE;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot keep your code in %s: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  text = sl_code_editor_dup_text (self);
  if (!sl_file_write_atomic (path, text, -1, error))
    return FALSE;

  self->draft_dirty = FALSE;
  return TRUE;
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  SlCodeEditor *self = user_data;
  g_autoptr(GError) error = NULL;

  self->draft_source = 0;
  if (!sl_code_editor_save_draft (self, &error))
    g_warning ("%s", error->message);

  return G_SOURCE_REMOVE;
}

void
sl_editor_draft_changed (SlCodeEditor *self)
{
  self->draft_dirty = TRUE;
  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_source = g_timeout_add (DRAFT_DELAY_MS, draft_timeout_cb, self);
}
