/* sl-article-card.h: one version of an article check (as written or corrected) in a card: what
 * the interpreter did in a line, the rest in sentences, the traceback and the code as it ran. */
#pragma once

#include <gtk/gtk.h>

#include "sl-article.h"

G_BEGIN_DECLS

#define SL_TYPE_ARTICLE_CARD (sl_article_card_get_type ())

G_DECLARE_FINAL_TYPE (SlArticleCard, sl_article_card, SL, ARTICLE_CARD, GtkWidget)

/* A card titled `title` ("As written"), waiting for its outcome. */
GtkWidget  *sl_article_card_new          (const char             *title);
/* Shows a spinner and “Running…”, or, with FALSE, “Not run yet”. */
void        sl_article_card_set_running  (SlArticleCard          *self,
                                          gboolean                running);
void        sl_article_card_set_outcome  (SlArticleCard          *self,
                                          const SlArticleOutcome *outcome);
/* What the card says in its first line: the headline of its outcome, or of its state. */
const char *sl_article_card_get_headline (SlArticleCard          *self);

G_END_DECLS
