/* ui-minimal.c: the peer of bench/ui's first-frame measure: the smallest GTK 4 application
 * window, which prints "first-frame" once it has drawn, and quits. */
#define G_LOG_DOMAIN "bench-ui-minimal"

#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, app);
  printf ("first-frame\n");
  fflush (stdout);
  g_application_quit (app);
}

static void
on_map_cb (GtkWidget    *window,
           GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), app);
}

static void
on_activate_cb (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.speeduplab.BenchMinimal",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
