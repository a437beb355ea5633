/* sl-application.c: the application object.
 *
 * `speedup-lab --preset ID [--run]` opens the window with that preset (and starts it), here or
 * in the instance already running; `speedup-lab FILE…` opens result documents there (two or
 * more as a comparison), as the file manager does through the desktop file. SIGTERM and SIGINT (a logout, Ctrl+C in a terminal) close
 * the windows as the close button does: the sweep is cancelled and every worker stopped before
 * the process ends.
 */
#define G_LOG_DOMAIN "sl-application"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "sl-application.h"
#include "sl-capture.h"
#include "sl-ui-util.h"
#include "sl-window.h"

struct _SlApplication
{
  AdwApplication parent_instance;

  guint          sigterm_source;
  guint          sigint_source;
};

G_DEFINE_FINAL_TYPE (SlApplication, sl_application, ADW_TYPE_APPLICATION)

void
sl_application_stop (SlApplication *self)
{
  GList *windows;

  g_return_if_fail (SL_IS_APPLICATION (self));

  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  if (windows == NULL)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }

  /* A copy: closing may remove windows from the list. */
  windows = g_list_copy (windows);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static gboolean
on_signal_cb (gpointer data)
{
  sl_application_stop (SL_APPLICATION (data));
  return G_SOURCE_CONTINUE;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  sl_application_stop (SL_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  const char *developers[] = { _("The Speedup Lab authors"), NULL };
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  GtkWidget *about;

  /* libadwaita 1.6 deprecates AdwAboutWindow for AdwAboutDialog (1.5), with the same
   * properties; Debian 12 has 1.2. */
#if ADW_CHECK_VERSION (1, 5, 0)
  about = GTK_WIDGET (adw_about_dialog_new ());
#else
  about = adw_about_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
#endif
  g_object_set (about,
                "application-name", _("Speedup Lab"),
                "application-icon", gtk_icon_theme_has_icon (theme, APP_ID)
                                    ? APP_ID : "power-profile-performance-symbolic",
                "version", PACKAGE_VERSION,
                "developer-name", _("The Speedup Lab authors"),
                "developers", developers,
                "comments", _("Threads or processes, and how many workers? Speedup Lab "
                              "measures it on this machine: time, speedup, efficiency "
                              "and CPU use of a workload over a sweep of worker counts, "
                              "with Amdahl and USL fits and a recommendation."),
                "license-type", GTK_LICENSE_GPL_3_0,
                "copyright", _("© The Speedup Lab authors"),
                NULL);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (about), GTK_WIDGET (parent));
#else
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action, NULL, NULL, NULL },
  { "about", about_action, NULL, NULL, NULL },
};

static SlWindow *
ensure_window (SlApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SL_IS_WINDOW (window))
    return SL_WINDOW (window);

  return sl_window_new (ADW_APPLICATION (self));
}

static void
sl_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (ensure_window (SL_APPLICATION (app))));
}

static void
sl_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  SlWindow *window = ensure_window (SL_APPLICATION (app));
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (array, g_object_ref (files[i]));

  gtk_window_present (GTK_WINDOW (window));
  sl_window_open_files (window, array);
}

static int
sl_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  SlApplication *self = SL_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *preset = NULL;
  g_autofree char *screenshots = NULL;
  g_autofree const char **paths = NULL;
  gboolean run = FALSE, first_frame = FALSE;
  g_autoptr(GError) error = NULL;
  SlWindow *window;

  g_variant_dict_lookup (options, "preset", "s", &preset);
  g_variant_dict_lookup (options, "run", "b", &run);
  g_variant_dict_lookup (options, "screenshots", "^ay", &screenshots);
  g_variant_dict_lookup (options, "first-frame", "b", &first_frame);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths);

  /* A document opened is on screen instead of the sweep. */
  if (paths != NULL && run)
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("--run starts the form’s experiment: it cannot "
                                             "be given with files to open"));
      return 2;
    }

  window = ensure_window (self);

  if (preset != NULL &&
      !sl_experiment_panel_apply_preset (sl_window_get_panel (window), preset, &error))
    {
      g_application_command_line_printerr (command_line, "%s\n", error->message);
      if (gtk_application_get_windows (GTK_APPLICATION (self))->next == NULL &&
          !gtk_widget_get_visible (GTK_WIDGET (window)))
        gtk_window_destroy (GTK_WINDOW (window));
      return 2;
    }

  if (screenshots != NULL)
    sl_capture_screenshots (window, screenshots);
  if (first_frame)
    sl_capture_first_frame (window);

  gtk_window_present (GTK_WINDOW (window));

  if (paths != NULL)
    {
      guint n = g_strv_length ((char **) paths);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      /* Relative to the folder of the command, which may be another process's. */
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (files, g_application_command_line_create_file_for_arg (command_line,
                                                                                paths[i]));
      g_application_open (app, (GFile **) files->pdata, (int) n, "");
    }

  if (run && !sl_window_run (window, &error))
    {
      g_application_command_line_printerr (command_line, "%s\n", error->message);
      return 2;
    }

  return 0;
}

static void
sl_application_startup (GApplication *app)
{
  SlApplication *self = SL_APPLICATION (app);
  GtkIconTheme *theme;
  struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "win.run", { "<Primary>r", NULL } },
    { "win.cancel", { "Escape", NULL } },
  };

  G_APPLICATION_CLASS (sl_application_parent_class)->startup (app);

  /* The windows' icon where the window manager asks for one (X11); run uninstalled, there is
   * none to find and GTK's default stays. */
  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  if (gtk_icon_theme_has_icon (theme, APP_ID))
    {
      gtk_window_set_default_icon_name (APP_ID);
      g_debug ("Icon %s from the icon theme", APP_ID);
    }
  else
    g_debug ("No icon %s in the icon theme", APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);

  self->sigterm_source = g_unix_signal_add (SIGTERM, on_signal_cb, self);
  self->sigint_source = g_unix_signal_add (SIGINT, on_signal_cb, self);
}

static void
sl_application_shutdown (GApplication *app)
{
  SlApplication *self = SL_APPLICATION (app);

  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_handle_id (&self->sigint_source, g_source_remove);

  G_APPLICATION_CLASS (sl_application_parent_class)->shutdown (app);
}

static void
sl_application_class_init (SlApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = sl_application_activate;
  app_class->command_line = sl_application_command_line;
  app_class->open = sl_application_open;
  app_class->startup = sl_application_startup;
  app_class->shutdown = sl_application_shutdown;
}

static void
sl_application_init (SlApplication *self)
{
  const GOptionEntry entries[] = {
    { "preset", 'p', 0, G_OPTION_ARG_STRING, NULL,
      N_("Open with a preset, e.g. seed-cpu or seed-io"), N_("ID") },
    { "run", 'r', 0, G_OPTION_ARG_NONE, NULL, N_("Start the experiment at once"), NULL },
    /* For tools/screenshot and bench/ui. */
    { "screenshots", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL,
      "Save screenshots of the run as PREFIX-*.png, then quit", "PREFIX" },
    { "first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
      "Print first-frame when the window has drawn, then quit", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Measure whether threads or processes speed up a "
                                              "workload, and with how many workers."));
}

SlApplication *
sl_application_new (GApplicationFlags flags)
{
  return g_object_new (SL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags | G_APPLICATION_HANDLES_COMMAND_LINE |
                                G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", SL_UI_RESOURCE,
                       NULL);
}
