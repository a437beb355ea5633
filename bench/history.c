/* history.c: how long a history of 1000 experiments takes to list, and how long the main loop
 * waits meanwhile: in a plain main loop, and in the window's history list (SlHistoryView) when a
 * display can be had (xvfb-run -a).
 *
 * The folder holds copies of one realistic document (the seed-cpu preset: two models at 1, 2, 4,
 * 8 and 16 workers, 5 repetitions of 64 tasks, every latency stored) under 1000 dates. It prints
 * the cost of one entry against loading the whole result, the synchronous listing, and the
 * asynchronous one as a window sees it: the time until the first batch (the list shows), until
 * the last, and the main loop's worst stall in between, measured by a 1 ms timeout that records
 * how late it fires. The target is a stall of at most 33 ms (two frames); the program prints PASS
 * or MISS and exits with status 1 on a MISS.
 */
#define G_LOG_DOMAIN "bench-history"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bench-util.h"
#include "sl-analysis.h"
#include "sl-experiment-spec.h"
#include "sl-history.h"
#include "sl-history-view.h"
#include "sl-result-io.h"
#include "sl-stats.h"
#include "sl-sysinfo.h"

#define STALL_TARGET_MS 33.0

static gint opt_files = 1000;
static gint opt_runs = 5;
static char *opt_dir = NULL;

static SlResult *
make_result (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(SlExperimentSpec) resolved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1000);
  SlResult *result;

  sl_experiment_spec_apply_preset (spec, "seed-cpu", &error);
  g_assert_no_error (error);
  resolved = sl_experiment_spec_resolve (spec, &error);
  g_assert_no_error (error);

  result = sl_result_new (resolved, sl_sysinfo_collect ());
  result->status = SL_RESULT_COMPLETE;
  g_free (result->created);
  result->created = g_strdup ("2000-01-01T00:00:00Z");

  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);
      double t = 0.3 / MIN (point->workers, point->model == SL_MODEL_THREADS ? 1 : 4);

      point->status = SL_POINT_DONE;
      for (guint r = 0; r < resolved->repeat; r++)
        {
          SlRepetition rep = { 0 };

          rep.wall_s = t * (1.0 + g_rand_double_range (rand, -0.03, 0.03));
          rep.usage.user_s = 0.3;
          rep.checksum_ok = TRUE;
          g_array_append_val (point->repetitions, rep);
          for (guint64 k = 0; k < point->tasks; k++)
            {
              double latency = t / 8.0 * g_rand_double_range (rand, 0.5, 1.5);

              g_array_append_val (point->latencies_s, latency);
            }
        }
    }
  sl_analysis_update (result);

  return result;
}

static gsize
fill_folder (const char *dir,
             guint       n)
{
  g_autoptr(SlResult) result = make_result ();
  g_autofree char *data = sl_result_to_data (result, NULL);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2025, 1, 1, 0, 0, 0);

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_minutes (start, (int) i * 37);
      g_autofree char *created = g_date_time_format_iso8601 (when);
      g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%dT%H-%M-%SZ");
      g_autofree char *path = g_strdup_printf ("%s/%s-seed-cpu.speedup.json", dir, stamp);
      g_autoptr(GString) text = g_string_new (data);
      g_autoptr(GError) error = NULL;

      g_string_replace (text, "2000-01-01T00:00:00Z", created, 1);
      if (!g_file_set_contents (path, text->str, (gssize) text->len, &error))
        {
          fprintf (stderr, "bench-history: %s\n", error->message);
          exit (2);
        }
    }

  return strlen (data);
}

/* Listing as a window does it */

typedef struct {
  GMainLoop *loop;
  gint64     start;
  gint64     first_batch;
  gint64     last_tick;
  gint64     worst_gap;
  guint      entries;
  guint      batches;
  gint64     worst_batch;
  gboolean   ok;
} AsyncRun;

static gboolean
tick_cb (gpointer user_data)
{
  AsyncRun *run = user_data;
  gint64 now = g_get_monotonic_time ();

  run->worst_gap = MAX (run->worst_gap, now - run->last_tick);
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
batch_cb (GPtrArray *entries,
          gpointer   user_data)
{
  AsyncRun *run = user_data;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GString) rows = g_string_new (NULL);

  if (run->batches++ == 0)
    run->first_batch = start - run->start;
  run->entries += entries->len;
  /* What a row costs to fill in: its texts. */
  for (guint i = 0; i < entries->len; i++)
    {
      const SlHistoryEntry *entry = entries->pdata[i];

      g_string_append_printf (rows, "%s %s %.2f\n", entry->headline, entry->created,
                              entry->best_speedup);
    }
  run->worst_batch = MAX (run->worst_batch, g_get_monotonic_time () - start);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->ok = sl_history_list_finish (result, NULL);
  g_main_loop_quit (run->loop);
}

static void
list_async (const char *dir,
            AsyncRun   *run,
            double     *total_ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint tick;

  run->loop = loop;
  run->start = run->last_tick = g_get_monotonic_time ();
  tick = g_timeout_add (1, tick_cb, run);
  sl_history_list_async (dir, NULL, batch_cb, run, done_cb, run);
  g_main_loop_run (loop);
  g_source_remove (tick);
  *total_ms = (g_get_monotonic_time () - run->start) / 1000.0;
  /* The gap after the last tick, up to the end, counts too. */
  run->worst_gap = MAX (run->worst_gap, g_get_monotonic_time () - run->last_tick);
}

/* Listing in the window's history list */

typedef struct {
  gint64   start;
  gint64   last_tick;
  gint64   worst_gap;
  gint64   first_row;    /* the first frame drawn with a row in the list */
  gboolean painted;
} WindowRun;

static gboolean
window_tick_cb (gpointer user_data)
{
  WindowRun *run = user_data;
  gint64 now = g_get_monotonic_time ();

  run->worst_gap = MAX (run->worst_gap, now - run->last_tick);
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                WindowRun     *run)
{
  run->painted = TRUE;
}

/* FALSE when no display can be had. */
static gboolean
list_in_window (const char *dir,
                double     *first_row_ms,
                double     *done_ms,
                double     *stall_ms)
{
  static gboolean initialized, have_display;
  GtkWidget *window;
  GtkWidget *view;
  GdkFrameClock *clock;
  WindowRun run = { 0 };
  guint tick;
  gint64 deadline;

  if (!initialized)
    {
      gtk_disable_setlocale ();
      have_display = gtk_init_check ();
      initialized = TRUE;
    }
  if (!have_display)
    return FALSE;

  window = gtk_window_new ();
  view = sl_history_view_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &run);
  run.start = run.last_tick = g_get_monotonic_time ();
  tick = g_timeout_add (1, window_tick_cb, &run);
  sl_history_view_load (SL_HISTORY_VIEW (view), dir);

  deadline = run.start + 60 * G_USEC_PER_SEC;
  while (sl_history_view_get_loading (SL_HISTORY_VIEW (view)) || run.first_row == 0)
    {
      if (g_get_monotonic_time () > deadline)
        {
          fprintf (stderr, "bench-history: the window listed nothing within 60 s\n");
          exit (2);
        }
      run.painted = FALSE;
      g_main_context_iteration (NULL, TRUE);
      if (run.first_row == 0 && run.painted &&
          g_list_model_get_n_items (sl_history_view_get_shown (SL_HISTORY_VIEW (view))) > 0)
        run.first_row = g_get_monotonic_time ();
    }
  *done_ms = (g_get_monotonic_time () - run.start) / 1000.0;
  *first_row_ms = (run.first_row - run.start) / 1000.0;
  run.worst_gap = MAX (run.worst_gap, g_get_monotonic_time () - run.last_tick);
  *stall_ms = run.worst_gap / 1000.0;

  g_source_remove (tick);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, &run);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  GOptionEntry entries[] = {
    { "files", 'n', 0, G_OPTION_ARG_INT, &opt_files, "Experiments in the folder (default 1000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Timed listings of each kind (default 5)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "List this folder instead of a made one", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time listing a history folder");
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree double *sync_ms = NULL;
  g_autofree double *first_ms = NULL;
  g_autofree double *async_ms = NULL;
  g_autofree double *stall_ms = NULL;
  g_autofree double *batch_ms = NULL;
  g_autofree double *window_first_ms = NULL;
  g_autofree double *window_done_ms = NULL;
  double window_stall = 0.0;
  gboolean in_window = TRUE;
  const char *dir;
  gsize size = 0;
  double entry_ms, load_ms, worst_stall = 0.0;
  gboolean pass;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_runs < 1 || opt_files < 1)
    {
      fprintf (stderr, "bench-history: %s\n", error ? error->message : "--runs and --files are 1 or more");
      return 2;
    }

  if (opt_dir != NULL)
    dir = opt_dir;
  else
    {
      made = g_dir_make_tmp ("speedup-lab-bench-history-XXXXXX", &error);
      g_assert_no_error (error);
      size = fill_folder (made, (guint) opt_files);
      dir = made;
    }

  /* One document: its headline against the whole result. */
  {
    g_autoptr(GPtrArray) one = sl_history_list (dir, &error);
    const char *path;
    gint64 start;
    const guint n = 50;

    g_assert_no_error (error);
    if (one->len == 0)
      {
        fprintf (stderr, "bench-history: %s holds no experiment\n", dir);
        return 2;
      }
    path = ((SlHistoryEntry *) one->pdata[0])->path;
    start = g_get_monotonic_time ();
    for (guint i = 0; i < n; i++)
      sl_history_entry_free (sl_history_entry_read (path));
    entry_ms = (g_get_monotonic_time () - start) / 1000.0 / n;
    start = g_get_monotonic_time ();
    for (guint i = 0; i < n; i++)
      sl_result_free (sl_result_load (path, NULL));
    load_ms = (g_get_monotonic_time () - start) / 1000.0 / n;
  }

  sync_ms = g_new (double, opt_runs);
  first_ms = g_new (double, opt_runs);
  async_ms = g_new (double, opt_runs);
  stall_ms = g_new (double, opt_runs);
  batch_ms = g_new (double, opt_runs);
  window_first_ms = g_new (double, opt_runs);
  window_done_ms = g_new (double, opt_runs);
  for (int i = 0; i < opt_runs; i++)
    {
      g_autoptr(GPtrArray) listed = NULL;
      AsyncRun run = { 0 };
      gint64 start = g_get_monotonic_time ();

      listed = sl_history_list (dir, &error);
      g_assert_no_error (error);
      sync_ms[i] = (g_get_monotonic_time () - start) / 1000.0;

      list_async (dir, &run, &async_ms[i]);
      if (!run.ok || run.entries != listed->len)
        {
          fprintf (stderr, "bench-history: the asynchronous listing found %u of %u\n",
                   run.entries, listed->len);
          return 2;
        }
      first_ms[i] = run.first_batch / 1000.0;
      stall_ms[i] = run.worst_gap / 1000.0;
      batch_ms[i] = run.worst_batch / 1000.0;
      worst_stall = MAX (worst_stall, stall_ms[i]);

      if (in_window)
        {
          double stall = 0;

          in_window = list_in_window (dir, &window_first_ms[i], &window_done_ms[i], &stall);
          window_stall = MAX (window_stall, stall);
        }
    }

  printf ("History of %d experiments in %s%s\n", opt_files, dir, made ? " (made for this run)" : "");
  if (size > 0)
    printf ("Each document: %.1f KiB (seed-cpu, 10 points × 5 runs × 64 tasks, latencies kept)\n",
            size / 1024.0);
  printf ("Runs: %d; medians, worst stall over all runs\n\n", opt_runs);
  printf ("%-44s %10s\n", "", "ms");
  printf ("%-44s %10.3f\n", "one entry (headline fields)", entry_ms);
  printf ("%-44s %10.3f\n", "one result loaded whole (for comparison)", load_ms);
  printf ("%-44s %10.1f\n", "sl_history_list (all, sorted)", sl_median_in_place (sync_ms, opt_runs));
  printf ("%-44s %10.1f\n", "async: until the first batch shows", sl_median_in_place (first_ms, opt_runs));
  printf ("%-44s %10.1f\n", "async: until the last batch", sl_median_in_place (async_ms, opt_runs));
  printf ("%-44s %10.2f\n", "async: longest batch callback", sl_median_in_place (batch_ms, opt_runs));
  printf ("%-44s %10.1f\n", "async: main loop's worst stall", worst_stall);
  if (in_window)
    {
      printf ("%-44s %10.1f\n", "window: until the list is drawn with a row",
              sl_median_in_place (window_first_ms, opt_runs));
      printf ("%-44s %10.1f\n", "window: until every experiment is listed",
              sl_median_in_place (window_done_ms, opt_runs));
      printf ("%-44s %10.1f\n", "window: main loop's worst stall", window_stall);
    }
  else
    printf ("window: not measured, no display (run it as `xvfb-run -a %s`)\n", argv[0]);

  pass = worst_stall <= STALL_TARGET_MS && (!in_window || window_stall <= STALL_TARGET_MS);
  printf ("\nWorst stall %.1f ms%s, target ≤ %.0f ms: %s\n", MAX (worst_stall, window_stall),
          in_window ? " (the window's list included)" : "", STALL_TARGET_MS,
          pass ? "PASS" : "MISS");

  if (made != NULL)
    bench_remove_tree (made);

  return pass ? 0 : 1;
}
