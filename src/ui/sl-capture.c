/* sl-capture.c: screenshots and first-frame timing, for the tools that document and measure
 * the window. The window is rendered with its own renderer, so the pictures do not depend on a
 * window manager or a compositor. */
#define G_LOG_DOMAIN "sl-capture"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "sl-capture.h"
#include "sl-ui-util.h"

/* Frames to let pass after a change of theme, page or size before a picture is taken: enough
 * for libadwaita's transitions (colours, revealers: 200–250 ms) to end. */
#define SETTLE_FRAMES 24

typedef struct {
  SlWindow *window;
  char     *prefix;
  GQueue    steps;          /* char*: "PAGE:THEME:TAG" still to take */
  guint     frames_left;
  guint     tick_id;
  gboolean  took_running;
  gboolean  quit_after;
} Capture;

/* FALSE when the window has nothing drawn to give right now (a redraw is pending): try on the
 * next frame. */
static gboolean
capture_save (Capture    *capture,
              const char *name)
{
  g_autoptr(GdkTexture) texture = sl_ui_render_widget (GTK_WIDGET (capture->window));
  g_autofree char *path = g_strdup_printf ("%s-%s.png", capture->prefix, name);

  if (texture == NULL)
    return FALSE;

  if (!gdk_texture_save_to_png (texture, path))
    g_printerr ("Could not write %s\n", path);
  else
    g_print ("%s\n", path);
  return TRUE;
}

static void capture_next (Capture *capture);

/* Compares the newest experiment of the history with the newest other one of the same
 * workload (of any other when there is none): the same work two ways. */
static void
compare_newest (Capture *capture)
{
  SlHistoryView *history = sl_window_get_history_view (capture->window);
  GListModel *items = sl_history_view_get_items (history);
  g_autoptr(SlHistoryItem) newest = g_list_model_get_item (items, 0);
  SlHistoryItem *other = NULL;

  if (newest == NULL)
    return;

  for (guint pass = 0; pass < 2 && other == NULL; pass++)
    for (guint i = 1; i < g_list_model_get_n_items (items) && other == NULL; i++)
      {
        g_autoptr(SlHistoryItem) item = g_list_model_get_item (items, i);

        if (sl_history_item_get_readable (item) &&
            (pass == 1 || g_strcmp0 (sl_history_item_get_entry (item)->workload,
                                     sl_history_item_get_entry (newest)->workload) == 0))
          other = item;
      }

  sl_history_view_set_selection_mode (history, TRUE);
  sl_history_item_set_checked (newest, TRUE);
  if (other != NULL)
    sl_history_item_set_checked (other, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (capture->window), "win.compare", NULL);
}

static gboolean
capture_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  Capture *capture = data;

  if (capture->frames_left > 0)
    {
      capture->frames_left--;
      gtk_widget_queue_draw (widget);
      return G_SOURCE_CONTINUE;
    }

  capture->tick_id = 0;
  capture_next (capture);
  return G_SOURCE_REMOVE;
}

/* Takes the step at the head of the queue once its page and theme have been drawn. */
static void
capture_next (Capture *capture)
{
  g_autofree char *step = NULL;
  g_auto(GStrv) parts = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();

  step = g_queue_pop_head (&capture->steps);
  if (step == NULL)
    {
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
      if (capture->quit_after)
        g_application_quit (g_application_get_default ());
      return;
    }

  parts = g_strsplit (step, ":", 3);
  if (g_str_equal (parts[0], "save"))
    {
      if (capture_save (capture, parts[1]))
        {
          capture_next (capture);
          return;
        }
      g_queue_push_head (&capture->steps, g_steal_pointer (&step));
      capture->frames_left = 1;
      capture->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (capture->window),
                                                       capture_tick_cb, capture, NULL);
      return;
    }

  if (g_str_equal (parts[0], "resize"))
    {
      /* A narrow window: the sidebar folds over the content. */
      gtk_window_unmaximize (GTK_WINDOW (capture->window));
      gtk_window_set_default_size (GTK_WINDOW (capture->window), atoi (parts[1]),
                                   atoi (parts[2]));
    }
  else if (g_str_equal (parts[0], "sidebar"))
    gtk_widget_activate_action (GTK_WIDGET (capture->window), "win.toggle-sidebar", NULL);
  else if (g_str_equal (parts[0], "history"))
    gtk_widget_activate_action (GTK_WIDGET (capture->window), "win.show-history", NULL);
  else if (g_str_equal (parts[0], "compare"))
    compare_newest (capture);
  else
    {
      /* "show:PAGE:THEME" */
      adw_view_stack_set_visible_child_name (sl_results_view_get_stack (
                                               sl_window_get_results_view (capture->window)),
                                             parts[1]);
      adw_style_manager_set_color_scheme (style, g_str_equal (parts[2], "dark")
                                                 ? ADW_COLOR_SCHEME_FORCE_DARK
                                                 : ADW_COLOR_SCHEME_FORCE_LIGHT);
    }

  capture->frames_left = SETTLE_FRAMES;
  capture->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (capture->window),
                                                   capture_tick_cb, capture, NULL);
}

static void
capture_queue (Capture    *capture,
               const char *page,
               const char *tag)
{
  static const char *themes[] = { "light", "dark" };

  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    {
      g_queue_push_tail (&capture->steps, g_strdup_printf ("show:%s:%s", page, themes[i]));
      g_queue_push_tail (&capture->steps, g_strdup_printf ("save:%s-%s", tag, themes[i]));
    }
}

static void
on_progress_cb (SlRunner *runner,
                double    fraction,
                Capture  *capture)
{
  if (capture->took_running || fraction < 0.4 || capture->tick_id != 0)
    return;

  capture->took_running = TRUE;
  capture_queue (capture, "speedup", "running");
  capture_next (capture);
}

static void
on_running_cb (SlWindow   *window,
               GParamSpec *pspec,
               Capture    *capture)
{
  if (sl_window_get_running (window))
    return;

  /* What the window shows when the run ends, then the pages people ask about. */
  capture_queue (capture, "speedup", "finished-speedup");
  capture_queue (capture, "cpu", "finished-cpu");
  capture_queue (capture, "time", "finished-time");
  capture_queue (capture, "table", "finished-table");
  g_queue_push_tail (&capture->steps, g_strdup ("history"));
  capture_queue (capture, "speedup", "history");
  /* With an earlier experiment in the history: this one and that one side by side. */
  g_queue_push_tail (&capture->steps, g_strdup ("compare"));
  capture_queue (capture, "speedup", "compare");
  capture_queue (capture, "comparison", "compare-table");
  g_queue_push_tail (&capture->steps, g_strdup ("resize:800:720"));
  capture_queue (capture, "speedup", "narrow");
  g_queue_push_tail (&capture->steps, g_strdup ("sidebar"));
  capture_queue (capture, "speedup", "narrow-sidebar");
  capture->quit_after = TRUE;
  if (capture->tick_id == 0)
    capture_next (capture);
}

static void
capture_free (gpointer data)
{
  Capture *capture = data;

  g_queue_clear_full (&capture->steps, g_free);
  g_free (capture->prefix);
  g_free (capture);
}

void
sl_capture_screenshots (SlWindow   *window,
                        const char *prefix)
{
  Capture *capture = g_new0 (Capture, 1);

  g_return_if_fail (SL_IS_WINDOW (window));
  g_return_if_fail (prefix != NULL);

  capture->window = window;
  capture->prefix = g_strdup (prefix);
  g_queue_init (&capture->steps);
  g_object_set_data_full (G_OBJECT (window), "sl-capture", capture, capture_free);

  g_signal_connect (sl_window_get_runner (window), "progress", G_CALLBACK (on_progress_cb),
                    capture);
  g_signal_connect (window, "notify::running", G_CALLBACK (on_running_cb), capture);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   SlWindow      *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  g_print ("first-frame\n");
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

static void
on_map_cb (SlWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), window);
}

void
sl_capture_first_frame (SlWindow *window)
{
  g_return_if_fail (SL_IS_WINDOW (window));

  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
}
