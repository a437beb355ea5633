/* sl-article-dialog.h: the Article Checks window: the article's code run as written and beside a
 * corrected version, each outcome as the interpreter gave it, and why. */
#pragma once

#include <adwaita.h>

#include "sl-article-card.h"

G_BEGIN_DECLS

#define SL_TYPE_ARTICLE_DIALOG (sl_article_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SlArticleDialog, sl_article_dialog, SL, ARTICLE_DIALOG, AdwWindow)

/* A dialog transient for `parent` (nullable), not running yet. */
SlArticleDialog *sl_article_dialog_new          (GtkWindow       *parent);
/* Runs every check, one after the other; a run under way is cancelled first. */
void             sl_article_dialog_run          (SlArticleDialog *self);
gboolean         sl_article_dialog_is_running   (SlArticleDialog *self);
/* The card of check `id`'s version, as written or corrected; NULL for an unknown id. */
SlArticleCard   *sl_article_dialog_get_card     (SlArticleDialog *self,
                                                 const char      *id,
                                                 gboolean         corrected);

/* Installs win.article-checks on a window class: it presents the window's dialog (one per
 * window while it is open), which runs the checks as it opens. */
void             sl_article_dialog_install_action (GtkWidgetClass *widget_class);

G_END_DECLS
