/* sl-article-dialog.c: the Article Checks window.
 *
 * The checks run one after the other (sl_article_check_run_async(): each version in a worker of
 * its own), so that each section fills in as its check ends and a person sees the first outcome
 * in a second or two. Closing the window cancels the run, which ends the worker and everything
 * it forked.
 */
#define G_LOG_DOMAIN "sl-article-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-article-dialog.h"

#define DIALOG_KEY "sl-article-dialog"

typedef struct {
  const SlArticleCheck *check;
  SlArticleCard        *as_written;
  SlArticleCard        *corrected;
  GtkLabel             *notes;       /* how both ran: stand-ins, the URLs */
} Section;

struct _SlArticleDialog
{
  AdwWindow     parent_instance;

  /* template widgets */
  GtkBox       *checks_box;
  GtkLabel     *runtime_label;

  /* owned */
  GArray       *sections;     /* Section */
  GCancellable *cancellable;  /* of the run under way; NULL when none */
  guint         next;         /* the section the run is at */
};

G_DEFINE_FINAL_TYPE (SlArticleDialog, sl_article_dialog, ADW_TYPE_WINDOW)

static void run_next (SlArticleDialog *self);

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
add_section (SlArticleDialog      *self,
             const SlArticleCheck *check)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 9);
  GtkWidget *cards = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *reason = g_strdup_printf (_("Why: %s"), _(check->reason));
  Section section = { check, NULL, NULL, NULL };

  gtk_box_append (GTK_BOX (box), new_label (_(check->title), "title-4"));
  gtk_box_append (GTK_BOX (box), new_label (_(check->claim), "dim-label"));

  section.as_written = SL_ARTICLE_CARD (sl_article_card_new (_("As written")));
  section.corrected = SL_ARTICLE_CARD (sl_article_card_new (_("Corrected")));
  gtk_box_set_homogeneous (GTK_BOX (cards), TRUE);
  gtk_box_append (GTK_BOX (cards), GTK_WIDGET (section.as_written));
  gtk_box_append (GTK_BOX (cards), GTK_WIDGET (section.corrected));
  gtk_box_append (GTK_BOX (box), cards);
  section.notes = GTK_LABEL (new_label (NULL, "dim-label"));
  gtk_widget_add_css_class (GTK_WIDGET (section.notes), "caption");
  gtk_widget_set_visible (GTK_WIDGET (section.notes), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (section.notes));
  gtk_box_append (GTK_BOX (box), new_label (reason, NULL));

  gtk_box_append (self->checks_box, box);
  g_array_append_val (self->sections, section);
}

static void
set_notes (Section            *section,
           const char * const *notes)
{
  g_autofree char *text = notes != NULL ? g_strjoinv ("\n", (char **) notes) : NULL;

  gtk_label_set_label (section->notes, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (section->notes), text != NULL && text[0] != '\0');
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SlArticleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlArticleReport) report = sl_article_check_run_finish (result, &error);
  Section *section;

  /* A newer run, or the window closing, cancelled this one: its sections are not ours now. */
  if (report == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  section = &g_array_index (self->sections, Section, self->next);
  if (report != NULL)
    {
      g_autofree char *runtime = sl_article_describe_runtime (report->runtime);

      g_autoptr(GPtrArray) notes = sl_article_report_notes (report);

      g_ptr_array_add (notes, NULL);
      sl_article_card_set_outcome (section->as_written, &report->as_written);
      sl_article_card_set_outcome (section->corrected, &report->corrected);
      set_notes (section, (const char * const *) notes->pdata);
      if (runtime != NULL)
        gtk_label_set_label (self->runtime_label, runtime);
    }

  self->next++;
  run_next (self);
}

static void
run_next (SlArticleDialog *self)
{
  Section *section;

  if (self->next >= self->sections->len)
    {
      g_clear_object (&self->cancellable);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.run", TRUE);
      return;
    }

  section = &g_array_index (self->sections, Section, self->next);
  sl_article_card_set_running (section->as_written, TRUE);
  sl_article_card_set_running (section->corrected, TRUE);
  /* The callback holds the window, not the task: its last reference goes on this thread. */
  sl_article_check_run_async (section->check, NULL, self->cancellable, check_done_cb,
                              g_object_ref (self));
}

void
sl_article_dialog_run (SlArticleDialog *self)
{
  g_return_if_fail (SL_IS_ARTICLE_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  self->cancellable = g_cancellable_new ();
  self->next = 0;
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = &g_array_index (self->sections, Section, i);

      sl_article_card_set_running (section->as_written, FALSE);
      sl_article_card_set_running (section->corrected, FALSE);
      set_notes (section, NULL);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.run", FALSE);
  run_next (self);
}

gboolean
sl_article_dialog_is_running (SlArticleDialog *self)
{
  g_return_val_if_fail (SL_IS_ARTICLE_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

SlArticleCard *
sl_article_dialog_get_card (SlArticleDialog *self,
                            const char      *id,
                            gboolean         corrected)
{
  g_return_val_if_fail (SL_IS_ARTICLE_DIALOG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = &g_array_index (self->sections, Section, i);

      if (g_str_equal (section->check->id, id))
        return corrected ? section->corrected : section->as_written;
    }

  return NULL;
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  sl_article_dialog_run (SL_ARTICLE_DIALOG (widget));
}

static void
sl_article_dialog_dispose (GObject *object)
{
  SlArticleDialog *self = SL_ARTICLE_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sl_article_dialog_parent_class)->dispose (object);
}

static void
sl_article_dialog_finalize (GObject *object)
{
  SlArticleDialog *self = SL_ARTICLE_DIALOG (object);

  g_clear_pointer (&self->sections, g_array_unref);

  G_OBJECT_CLASS (sl_article_dialog_parent_class)->finalize (object);
}

static void
sl_article_dialog_class_init (SlArticleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_article_dialog_dispose;
  object_class->finalize = sl_article_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/speeduplab/SpeedupLab/"
                                               "sl-article-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SlArticleDialog, checks_box);
  gtk_widget_class_bind_template_child (widget_class, SlArticleDialog, runtime_label);

  gtk_widget_class_install_action (widget_class, "article.run", NULL, run_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_article_dialog_init (SlArticleDialog *self)
{
  guint n_checks;
  const SlArticleCheck *checks = sl_article_check_list (&n_checks);

  g_type_ensure (SL_TYPE_ARTICLE_CARD);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sections = g_array_new (FALSE, TRUE, sizeof (Section));
  for (guint i = 0; i < n_checks; i++)
    add_section (self, &checks[i]);
}

SlArticleDialog *
sl_article_dialog_new (GtkWindow *parent)
{
  return g_object_new (SL_TYPE_ARTICLE_DIALOG, "transient-for", parent, NULL);
}

static void
forget_dialog_cb (GtkWidget *window)
{
  g_object_set_data (G_OBJECT (window), DIALOG_KEY, NULL);
}

static void
article_checks_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SlArticleDialog *dialog = g_object_get_data (G_OBJECT (widget), DIALOG_KEY);

  /* One dialog per window, while it is open: closing it cancels its run and forgets it. */
  if (dialog == NULL)
    {
      dialog = sl_article_dialog_new (GTK_WINDOW (widget));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
      g_object_set_data (G_OBJECT (widget), DIALOG_KEY, dialog);
      g_signal_connect_object (dialog, "destroy", G_CALLBACK (forget_dialog_cb), widget,
                               G_CONNECT_SWAPPED);
      sl_article_dialog_run (dialog);
    }

  gtk_window_present (GTK_WINDOW (dialog));
}

void
sl_article_dialog_install_action (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.article-checks", NULL,
                                   article_checks_action);
}
