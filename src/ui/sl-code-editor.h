/* sl-code-editor.h: the editor of a person's own Python function (the code of python-custom).
 *
 * A GtkSourceView with Python highlighting, line numbers, the desktop's monospace font and a
 * style scheme that follows the light or dark style; a menu of templates (the article's
 * experiments, an empty task); open and save of .py files (Ctrl+O, Ctrl+S, Ctrl+Shift+S); and
 * the note that the code runs with the person's rights.
 *
 * The code is checked as it is typed, about 300 ms after the last change, by the engine's code
 * check in a worker process (the window never embeds Python); a newer check cancels an older
 * one. A problem marks its line (and column) with the message beside it, and `problem` says
 * why the code cannot run, for the form to keep Run off. What the editor holds is kept in a
 * file in the user's data folder (a moment after each change and when the editor goes), so
 * that unsaved code comes back at the next start.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_CODE_EDITOR (sl_code_editor_get_type ())

G_DECLARE_FINAL_TYPE (SlCodeEditor, sl_code_editor, SL, CODE_EDITOR, GtkWidget)

GtkWidget   *sl_code_editor_new              (void);
/* The GtkSourceView a person types into. */
GtkTextView *sl_code_editor_get_view         (SlCodeEditor *self);
char        *sl_code_editor_dup_text         (SlCodeEditor *self);
/* Replaces the code (a spec's, a result's) and checks it at once; no file is attached. Empty
 * code shows python-custom's sample, which is what empty code runs. */
void         sl_code_editor_set_text         (SlCodeEditor *self,
                                              const char   *text);

/* Why the code cannot run now, for a person, or NULL when the last check found it ready. Until
 * a first check has answered, or while the check asked for by sl_code_editor_commit() runs,
 * it says that the code is being checked. Notified as "problem". */
const char  *sl_code_editor_get_problem      (SlCodeEditor *self);
/* TRUE from a change until its check has answered ("checking"). */
gboolean     sl_code_editor_get_checking     (SlCodeEditor *self);
/* Run was asked for: a check waiting for the pause in typing starts now, and until it answers
 * `problem` says so, rather than the verdict on older code. */
void         sl_code_editor_commit           (SlCodeEditor *self);

/* The line (1-based) marked with a problem, 0 when none, and its message ("marked-line"). */
guint        sl_code_editor_get_marked_line  (SlCodeEditor *self);
const char  *sl_code_editor_get_mark_message (SlCodeEditor *self);
/* A failed point's `error` (a traceback): marks the line of the code where it failed, when
 * the editor still holds `code`, the code that ran. */
void         sl_code_editor_mark_failure     (SlCodeEditor *self,
                                              const char   *code,
                                              const char   *error);

/* The templates the menu offers now, by id ("sum", "fib", "fetch", "hash", "numpy" where the
 * worker can import numpy, "empty"); NULL-terminated, the strings static. */
const char **sl_code_editor_list_templates   (SlCodeEditor *self);
/* Replaces the code with a template, as one step that Ctrl+Z undoes. */
gboolean     sl_code_editor_apply_template   (SlCodeEditor *self,
                                              const char   *id);

/* The file the code was opened from or saved to, or NULL ("file"). */
GFile       *sl_code_editor_get_file         (SlCodeEditor *self);
/* Reads `file` into the editor (Ctrl+Z undoes it), or writes the code to it; both return at
 * once and say how it went under the toolbar; "file" is notified when done. */
void         sl_code_editor_open_file        (SlCodeEditor *self,
                                              GFile        *file);
void         sl_code_editor_save_file        (SlCodeEditor *self,
                                              GFile        *file);

/* Where the code is kept between sessions: speedup-lab/custom-code.py in the user's data
 * folder. */
char        *sl_code_editor_dup_draft_path   (void);
/* Shows the code kept from the last session, or the workload's sample when there is none. */
void         sl_code_editor_restore_draft    (SlCodeEditor *self);
/* Writes the code to the draft file now, if it changed since it was last written. */
gboolean     sl_code_editor_save_draft       (SlCodeEditor *self,
                                              GError      **error);

G_END_DECLS
