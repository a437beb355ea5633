/* ui-minimal.c: the peers of bench/ui's first-frame measure: the smallest GTK 4 application
 * window, which prints "first-frame" once it has drawn, and quits; built a second time with
 * BENCH_ADW as the smallest libadwaita one (an AdwApplicationWindow with a header bar), to tell
 * what libadwaita itself costs from what the window adds. */
#define G_LOG_DOMAIN "bench-ui-minimal"

#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>
#ifdef BENCH_ADW
#include <adwaita.h>
#endif

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
#ifdef BENCH_ADW
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Hello"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
#else
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
#endif

  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
#ifdef BENCH_ADW
  g_autoptr(GtkApplication) app = GTK_APPLICATION (adw_application_new (
                                    "io.github.speeduplab.BenchMinimalAdw",
                                    G_APPLICATION_NON_UNIQUE));
#else
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.speeduplab.BenchMinimal",
                                                       G_APPLICATION_NON_UNIQUE);
#endif

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
