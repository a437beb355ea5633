/* sl-code-editor-private.h: the editor's instance and what its files share: the view, its text
 * and its look (sl-code-editor.c), the check and its mark (sl-code-editor-check.c), the
 * templates (sl-code-editor-templates.c), the files (sl-code-editor-files.c) and the draft
 * (sl-code-editor-draft.c). */
#pragma once

#include <gtksourceview/gtksource.h>

#include "sl-code-editor.h"
#include "sl-traceback.h"

G_BEGIN_DECLS

struct _SlCodeEditor
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkMenuButton   *template_button;
  GtkLabel        *file_label;
  GtkSourceView   *view;
  GtkOverlay      *code_overlay;
  GtkWidget       *mark_label;         /* the message beside the marked line, over the code */
  GtkStack        *status_icon;
  GtkSpinner      *spinner;
  GtkLabel        *status_label;
  SlTraceback     *traceback;

  /* owned */
  GtkSourceBuffer *buffer;
  GtkTextTag      *error_tag;
  GCancellable    *check_cancellable;
  GFile           *file;
  GSettings       *interface_settings; /* the desktop's monospace font; NULL without GNOME's */
  GtkCssProvider  *font_provider;
  char            *problem;
  char            *mark_message;
  guint            marked_line;
  guint            check_source;
  guint            draft_source;
  guint            loading;            /* > 0 while the editor changes its own text */
  gboolean         checking;
  gboolean         committed;
  gboolean         draft_dirty;
};

typedef enum {
  PROP_0,
  PROP_PROBLEM,
  PROP_CHECKING,
  PROP_MARKED_LINE,
  PROP_FILE,
  N_PROPS
} SlCodeEditorProperty;

/* sl-code-editor.c */
void sl_editor_notify              (SlCodeEditor         *self,
                                    SlCodeEditorProperty  property);
/* Replaces the whole text and checks it at once: as one step that Ctrl+Z undoes, or
 * (`undoable` FALSE) as a new start that it does not go back over. */
void sl_editor_replace_text        (SlCodeEditor         *self,
                                    const char           *text,
                                    gboolean              undoable);

/* sl-code-editor-check.c */
/* The mark's look, and the check of every change from now on. */
void sl_editor_init_check          (SlCodeEditor         *self);
/* Checks the code now, cancelling a check of older code. */
void sl_editor_start_check         (SlCodeEditor         *self);

/* sl-code-editor-templates.c */
void sl_editor_init_templates      (SlCodeEditor         *self);
void sl_editor_template_action     (GtkWidget            *widget,
                                    const char           *action_name,
                                    GVariant             *parameter);

/* sl-code-editor-files.c */
void sl_editor_open_action         (GtkWidget            *widget,
                                    const char           *action_name,
                                    GVariant             *parameter);
void sl_editor_save_action         (GtkWidget            *widget,
                                    const char           *action_name,
                                    GVariant             *parameter);
void sl_editor_save_as_action      (GtkWidget            *widget,
                                    const char           *action_name,
                                    GVariant             *parameter);

/* sl-code-editor-draft.c */
/* The code changed: the draft is written after a pause. */
void sl_editor_draft_changed       (SlCodeEditor         *self);

G_END_DECLS
