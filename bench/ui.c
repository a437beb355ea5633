/* ui.c: what the window costs, measured against peers in the same run.
 *
 * 1. Launch to first frame: speedup-lab against a minimal GTK 4 window (bench/ui-minimal) and a
 *    minimal libadwaita one (bench/ui-minimal-adw), all started as processes that print
 *    "first-frame" when they have drawn; medians of --runs interleaved launches. Target: at most
 *    1.5× the minimal GTK 4 window. The libadwaita one says how much of that libadwaita itself
 *    takes (its stylesheet and style manager), which no window built on it can avoid.
 * 2. Responsiveness: the main loop's worst stall (a 1 ms timeout's longest late wake-up) while
 *    the window runs the 16-worker points of a native-threads cpu-sum sweep (1–16 workers) on
 *    every CPU, redrawing its charts as the points come in. Target: 33 ms (two frames). Also
 *    measured: the same with the sweep not reniced (what renicing buys), and over the whole
 *    sweep the worst stall, the longest gap between frames, and the longest CPU time the main
 *    thread itself spent between two wake-ups, which no other load on the machine changes.
 * 3. Honesty: the same sweep's median times in the window and in speedup-lab-cli, in alternate
 *    rounds. Target: the window's times within 3 % of the CLI's (geometric mean of the points'
 *    ratios).
 *
 * Needs a display: run it under `xvfb-run -a` on a machine without one. Exits with status 1 when
 * a target is missed.
 */
#define G_LOG_DOMAIN "bench-ui"

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-util.h"
#include "sl-result-io.h"
#include "sl-window.h"

#define FIRST_FRAME_TARGET 1.5
#define STALL_TARGET_MS    33.0
#define TIME_TARGET        0.03

static int    opt_runs = 7;
static int    opt_rounds = 2;
static int    opt_repeat = 3;
static int    opt_nice = -1;
static char  *opt_n = NULL;

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);

  if (values->len == 0)
    return NAN;
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);

  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2;
}

/* ---- 1. launch to first frame ---- */

/* Seconds from starting `program` to its "first-frame" line. */
static double
first_frame (const char *program,
             const char *argument)
{
  const char *argv[] = { program, argument, NULL };
  g_autoptr(GError) error = NULL;
  char line[256];
  double seconds = NAN;
  gint64 start;
  GPid pid;
  int out;
  FILE *stream;

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                 NULL, &pid, NULL, &out, NULL, &error))
    g_error ("%s", error->message);

  stream = fdopen (out, "r");
  while (fgets (line, sizeof line, stream) != NULL)
    if (g_str_has_prefix (line, "first-frame"))
      {
        seconds = (g_get_monotonic_time () - start) / 1e6;
        break;
      }
  fclose (stream);
  waitpid (pid, NULL, 0);

  if (isnan (seconds))
    g_error ("%s never drew a frame", program);
  return seconds;
}

/* ---- 2. responsiveness ---- */

/* The worst of one kind of wait: a gap of the main loop, and when it happened. */
typedef struct {
  double worst_ms;
  double at_s;
} Worst;

typedef struct {
  SlRunner *runner;
  gint64    start;
  gint64    last_wake;
  gint64    last_cpu;
  gint64    last_frame;
  Worst     stall;         /* over the whole sweep */
  Worst     stall_16;      /* while 16 workers run */
  Worst     cpu;           /* the main thread's own CPU time between two wake-ups */
  Worst     frame;         /* between two frames */
} Stalls;

static void
note (Worst  *worst,
      double  ms,
      double  at_s)
{
  if (ms > worst->worst_ms)
    {
      worst->worst_ms = ms;
      worst->at_s = at_s;
    }
}

/* CPU time of the calling thread, µs. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static gboolean
sixteen_running (SlRunner *runner)
{
  const SlResult *live = sl_runner_get_result (runner);

  for (guint i = 0; live != NULL && i < live->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (live->points, i);

      if (point->status == SL_POINT_RUNNING && point->workers == 16)
        return TRUE;
    }

  return FALSE;
}

static gboolean
wake_cb (gpointer data)
{
  Stalls *stalls = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (stalls->last_wake != 0)
    {
      double late_ms = (now - stalls->last_wake) / 1000.0 - 1.0;
      double at_s = (stalls->last_wake - stalls->start) / 1e6;

      note (&stalls->stall, late_ms, at_s);
      if (sixteen_running (stalls->runner))
        note (&stalls->stall_16, late_ms, at_s);
      /* What the main thread itself spent: a stall no other load on the machine causes. */
      note (&stalls->cpu, (cpu - stalls->last_cpu) / 1000.0, at_s);
    }
  stalls->last_wake = now;
  stalls->last_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Stalls *stalls = data;
  gint64 now = g_get_monotonic_time ();

  if (stalls->last_frame != 0)
    note (&stalls->frame, (now - stalls->last_frame) / 1000.0,
          (stalls->last_frame - stalls->start) / 1e6);
  stalls->last_frame = now;

  return G_SOURCE_CONTINUE;
}

static SlExperimentSpec *
sweep_spec (void)
{
  SlExperimentSpec *spec = sl_experiment_spec_new ();

  sl_params_set (spec->params, "n", opt_n);
  g_array_unref (spec->models);
  spec->models = sl_parse_model_list ("threads", NULL);
  g_array_unref (spec->workers);
  spec->workers = sl_parse_worker_list ("pow2:16", NULL);
  spec->tasks = 64;
  spec->repeat = opt_repeat;
  spec->warmup = 1;

  return spec;
}

static gboolean
is_idle (SlWindow *window)
{
  return !sl_window_get_running (window);
}

static SlResult *
run_in_window (Stalls *stalls,
               int     nice)
{
  g_autoptr(SlExperimentSpec) spec = sweep_spec ();
  g_autoptr(GError) error = NULL;
  SlWindow *window = sl_window_new (NULL);
  SlResult *result;
  guint wake, tick;

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  sl_experiment_panel_set_spec (sl_window_get_panel (window), spec);
  if (nice >= 0)
    sl_window_set_sweep_nice (window, nice);

  memset (stalls, 0, sizeof *stalls);
  stalls->runner = sl_window_get_runner (window);
  stalls->start = g_get_monotonic_time ();
  if (!sl_window_run (window, &error))
    g_error ("%s", error->message);
  wake = g_timeout_add (1, wake_cb, stalls);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, stalls, NULL);

  while (!is_idle (window))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  result = sl_result_copy (sl_window_get_result (window));
  gtk_window_destroy (GTK_WINDOW (window));

  return result;
}

/* The one-minute load average, and a word on it: the window's sweep runs reniced, so other load
 * on the machine slows it more than the CLI's, and its times then say more about that load than
 * about the window. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return NAN;

  return g_ascii_strtod (text, NULL);
}

static SlResult *
run_in_cli (void)
{
  g_autofree char *json = g_build_filename (g_get_tmp_dir (), "bench-ui-XXXXXX.json", NULL);
  g_autofree char *param = g_strdup_printf ("n=%s", opt_n);
  g_autofree char *repeat = g_strdup_printf ("%d", opt_repeat);
  g_autoptr(GError) error = NULL;
  SlResult *result;
  int fd = g_mkstemp (json);
  int status;
  const char *argv[] = {
    BENCH_BUILD_DIR "/src/cli/speedup-lab-cli", "run", "--workload", "cpu-sum",
    "--param", param, "--models", "threads", "--workers", "pow2:16", "--tasks", "64",
    "--repeat", repeat, "--warmup", "1", "--quiet", "--json", json, NULL
  };

  close (fd);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("speedup-lab-cli: %s", error->message);

  result = sl_result_load (json, &error);
  if (result == NULL)
    g_error ("%s", error->message);
  g_unlink (json);

  return result;
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Launches of each program (default 7)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &opt_rounds, "Sweeps in the window and in the CLI, "
      "alternately (default 2; 0 measures the first frame only)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Repetitions per point (default 3)", "N" },
    { "n", 0, 0, G_OPTION_ARG_STRING, &opt_n, "cpu-sum's n (default 2000000000)", "N" },
    { "nice", 0, 0, G_OPTION_ARG_INT, &opt_nice, "The sweep's niceness in the window (default: "
      "the window's own)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— what the window costs");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) app_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) minimal_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) adw_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) window_results =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_free);
  g_autoptr(GPtrArray) cli_results =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_free);
  double app_s, minimal_s, adw_s, worst_stall = 0, worst_frame = 0, worst_plain = 0;
  double log_ratio_sum = 0;
  double load_before, load_after;
  guint n_ratios = 0;
  gboolean ok = TRUE;
  SlResult *first;
  g_autofree char *data_home = NULL;

  setlocale (LC_ALL, "");
  /* This process and its children find the build tree's settings schema, and keep no
   * settings; GSettings reads these once, so before GTK starts. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_BUILD_DIR "/data", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The window keeps every run it makes: in a history of the benchmark's own. */
  data_home = g_dir_make_tmp ("bench-ui-XXXXXX", &error);
  if (data_home == NULL)
    g_error ("%s", error->message);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_n == NULL)
    opt_n = g_strdup ("2000000000");

  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      g_printerr ("bench/ui needs a display: run it as `xvfb-run -a %s`\n", argv[0]);
      return 2;
    }
  adw_init ();

  printf ("Launch to first frame, median of %d (interleaved)\n", opt_runs);
  for (int i = 0; i < opt_runs; i++)
    {
      double a = first_frame (BENCH_BUILD_DIR "/src/ui/speedup-lab", "--first-frame");
      double m = first_frame (BENCH_BUILD_DIR "/bench/ui-minimal", NULL);
      double d = first_frame (BENCH_BUILD_DIR "/bench/ui-minimal-adw", NULL);

      g_array_append_val (app_times, a);
      g_array_append_val (minimal_times, m);
      g_array_append_val (adw_times, d);
    }
  app_s = median (app_times);
  minimal_s = median (minimal_times);
  adw_s = median (adw_times);
  ok &= app_s <= FIRST_FRAME_TARGET * minimal_s;
  printf ("  speedup-lab       %7.1f ms\n", app_s * 1000);
  printf ("  minimal GTK 4     %7.1f ms\n", minimal_s * 1000);
  printf ("  minimal libadwaita%7.1f ms\n", adw_s * 1000);
  printf ("  ratio             %7.2f×   target ≤ %.1f×   %s\n", app_s / minimal_s,
          FIRST_FRAME_TARGET, app_s <= FIRST_FRAME_TARGET * minimal_s ? "PASS" : "MISS");
  printf ("  libadwaita alone  %7.2f× of GTK 4; speedup-lab %.2f× of libadwaita alone\n\n",
          adw_s / minimal_s, app_s / adw_s);

  if (opt_rounds < 1)
    {
      bench_remove_tree (data_home);
      return ok ? 0 : 1;
    }

  printf ("cpu-sum n=%s, native threads, W = 1, 2, 4, 8, 16, %d repetitions; %d rounds of "
          "window, CLI, window with the sweep not reniced\n", opt_n, opt_repeat, opt_rounds);
  load_before = load_average ();
  for (int r = 0; r < opt_rounds; r++)
    {
      Stalls stalls, plain;
      SlResult *unused;

      g_ptr_array_add (window_results, run_in_window (&stalls, opt_nice));
      g_ptr_array_add (cli_results, run_in_cli ());
      /* The same in a window whose sweep is not reniced: what the choice buys. */
      unused = run_in_window (&plain, 0);
      sl_result_free (unused);

      printf ("  round %d: while 16 workers run, worst stall %.1f ms (%.1f ms not reniced);\n"
              "           whole sweep: worst stall %.1f ms at %.1f s, longest frame gap %.1f ms, "
              "longest main-thread work %.1f ms of CPU at %.1f s\n",
              r + 1, stalls.stall_16.worst_ms, plain.stall_16.worst_ms, stalls.stall.worst_ms,
              stalls.stall.at_s, stalls.frame.worst_ms, stalls.cpu.worst_ms, stalls.cpu.at_s);
      worst_stall = MAX (worst_stall, stalls.stall_16.worst_ms);
      worst_plain = MAX (worst_plain, plain.stall_16.worst_ms);
      worst_frame = MAX (worst_frame, stalls.frame.worst_ms);
    }
  ok &= worst_stall <= STALL_TARGET_MS;
  printf ("  worst stall while 16 workers run  %7.1f ms   target ≤ %.0f ms   %s\n", worst_stall,
          STALL_TARGET_MS, worst_stall <= STALL_TARGET_MS ? "PASS" : "MISS");
  printf ("  the same, sweep not reniced       %7.1f ms\n", worst_plain);
  printf ("  longest frame gap, whole sweep    %7.1f ms\n\n", worst_frame);

  load_after = load_average ();
  printf ("  load average %.2f before the rounds (the sweeps' own after: %.2f), %u CPUs\n", load_before,
          load_after, g_get_num_processors ());
  if (load_before > 0.5 * g_get_num_processors ())
    printf ("  the machine was busy with other work: the window's reniced sweep yields to it, "
            "the CLI's does not,\n  so the times below measure that load as much as the "
            "window; run again on a quiet machine\n");
  printf ("\n");
  printf ("  %7s  %12s  %12s  %8s\n", "Workers", "window (s)", "CLI (s)", "ratio");
  first = g_ptr_array_index (window_results, 0);
  for (guint i = 0; i < first->points->len; i++)
    {
      g_autoptr(GArray) in_window = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) in_cli = g_array_new (FALSE, FALSE, sizeof (double));
      SlPoint *point = g_ptr_array_index (first->points, i);
      double w, c;

      for (guint r = 0; r < window_results->len; r++)
        {
          SlResult *in_w = g_ptr_array_index (window_results, r);
          SlResult *in_c = g_ptr_array_index (cli_results, r);
          SlPoint *a = g_ptr_array_index (in_w->points, i);
          SlPoint *b = g_ptr_array_index (in_c->points, i);

          g_array_append_val (in_window, a->wall.median);
          g_array_append_val (in_cli, b->wall.median);
        }
      w = median (in_window);
      c = median (in_cli);
      log_ratio_sum += log (w / c);
      n_ratios++;
      printf ("  %7u  %12.4f  %12.4f  %7.3f×\n", point->workers, w, c, w / c);
    }
  {
    double ratio = exp (log_ratio_sum / n_ratios);
    gboolean close_enough = fabs (ratio - 1) <= TIME_TARGET;

    ok &= close_enough;
    printf ("  geometric mean of the ratios %.3f×   target within %.0f %%   %s\n", ratio,
            TIME_TARGET * 100, close_enough ? "PASS" : "MISS");
  }

  bench_remove_tree (data_home);
  return ok ? 0 : 1;
}
