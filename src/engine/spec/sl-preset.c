/* sl-preset.c: the article's experiments as presets, with the article's own tables.
 *
 * The reference numbers are the article's (CPython on a quad-core machine): they are shown
 * beside a person's own measurements, never mixed into them.
 */
#define G_LOG_DOMAIN "sl-preset"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-preset.h"

/* "fetch 100 web pages", 1–16 workers */
static const SlReferenceRow article_io[] = {
  { 1, 15.21, 14.98 },
  { 2, 7.73, 7.69 },
  { 4, 4.21, 4.12 },
  { 8, 2.34, 2.31 },
  { 16, 1.53, 1.49 },
};

/* "summing the first 100 million integers", 1–16 workers */
static const SlReferenceRow article_cpu[] = {
  { 1, 36.13, 36.21 },
  { 2, 36.98, 18.74 },
  { 4, 37.41, 9.87 },
  { 8, 38.19, 9.91 },
  { 16, 39.52, 10.06 },
};

/* The article's sweep, which every preset keeps so that its numbers compare with the article's:
 * both models, 1–16 workers. */
static const SlModel both_models[] = { SL_MODEL_THREADS, SL_MODEL_PROCESSES, SL_N_MODELS };
static const guint article_workers[] = { 1, 2, 4, 8, 16, 0 };
#define ARTICLE_SWEEP .models = both_models, .workers = article_workers

/* The article's table for the experiment, shown beside a person's own numbers. */
#define ARTICLE_TABLE(label, rows) \
  .reference_label = (label), .reference = (rows), .n_reference = G_N_ELEMENTS (rows)
#define ARTICLE_LABEL N_("Article (CPython, 4 cores)")

static const SlPreset presets[] = {
  {
    .id = "seed-cpu",
    .title = N_("Sum of 100 million integers"),
    .subtitle = N_("The article's CPU-bound table, in C: no GIL, so threads scale too"),
    .description = N_("The article's CPU-bound experiment: sum the first 100 million integers with "
                      "1–16 threads or processes."),
    .workload = "cpu-sum",
    .params = (const SlPresetParam[]) { { "n", "100000000" }, { NULL } },
    .runtime = SL_RUNTIME_NATIVE,
    ARTICLE_SWEEP,
    .tasks = 64,
    .repeat = 5,
    ARTICLE_TABLE (ARTICLE_LABEL, article_cpu),
  },
  {
    .id = "seed-io",
    .title = N_("Fetch 100 web pages"),
    .subtitle = N_("The article's I/O-bound table: fetch 100 web pages"),
    .description = N_("The article's I/O-bound experiment: fetch 100 pages with 1–16 threads or "
                      "processes, from the built-in local server."),
    .workload = "io-http",
    .params = (const SlPresetParam[]) { { "pages", "100" }, { NULL } },
    .runtime = SL_RUNTIME_NATIVE,
    ARTICLE_SWEEP,
    .tasks = 0,
    .repeat = 3,
    ARTICLE_TABLE (ARTICLE_LABEL, article_io),
  },
  {
    .id = "seed-fib",
    .title = N_("Fibonacci endpoint"),
    .subtitle = N_("The article's Flask /fib/<n> endpoint, in C"),
    .description = N_("The article's Flask /fib/<n> endpoint: 32 requests, each computing a "
                      "recursive Fibonacci number, served by 1–16 threads or processes."),
    .workload = "cpu-fib",
    .params = (const SlPresetParam[]) { { "k", "30" }, { NULL } },
    .runtime = SL_RUNTIME_NATIVE,
    ARTICLE_SWEEP,
    .tasks = 32,
    .repeat = 5,
  },
  {
    .id = "seed-cpu-py",
    .title = N_("Sum of integers in Python"),
    .subtitle = N_("The article's CPU-bound table in CPython: the GIL at work"),
    .description = N_("The article's CPU-bound experiment in real CPython: a plain Python loop sums "
                      "the first 20 million integers (a fifth of the article's, to keep the sweep "
                      "short) in threads of one interpreter or in processes. The GIL lets one "
                      "thread run Python at a time, so threads do not speed it up; processes do."),
    .workload = "cpu-sum",
    .params = (const SlPresetParam[]) { { "n", "20000000" }, { NULL } },
    .runtime = SL_RUNTIME_PYTHON,
    ARTICLE_SWEEP,
    .tasks = 64,
    .repeat = 3,
    ARTICLE_TABLE (N_("Article (CPython, 4 cores, 100 million integers)"), article_cpu),
  },
  {
    .id = "seed-io-py",
    .title = N_("Fetch 100 web pages in Python"),
    .subtitle = N_("The article's I/O-bound table in CPython"),
    .description = N_("The article's I/O-bound experiment in real CPython: urllib.request fetches "
                      "100 pages from the built-in local server. A thread waiting for the network "
                      "releases the GIL, so threads scale as well as processes."),
    .workload = "io-http",
    .params = (const SlPresetParam[]) { { "pages", "100" }, { NULL } },
    .runtime = SL_RUNTIME_PYTHON,
    ARTICLE_SWEEP,
    .tasks = 0,
    .repeat = 3,
    ARTICLE_TABLE (ARTICLE_LABEL, article_io),
  },
  {
    .id = "seed-fib-py",
    .title = N_("Fibonacci endpoint in Python"),
    .subtitle = N_("The article's Flask /fib/<n> endpoint in CPython"),
    .description = N_("The article's Flask /fib/<n> endpoint in real CPython: 32 requests, each "
                      "computing Fibonacci(27) recursively in Python, served by threads of one "
                      "interpreter or by processes."),
    .workload = "cpu-fib",
    .params = (const SlPresetParam[]) { { "k", "27" }, { NULL } },
    .runtime = SL_RUNTIME_PYTHON,
    ARTICLE_SWEEP,
    .tasks = 32,
    .repeat = 3,
  },
  {
    .id = "seed-hash-py",
    .title = N_("Hashing large buffers in Python"),
    .subtitle = N_("Beyond the article: C code in Python that releases the GIL"),
    .description = N_("SHA-256 with hashlib over 64 KiB buffers, 2048 rounds per task. hashlib "
                      "releases the GIL while it hashes a large buffer, so here Python threads do "
                      "scale: the GIL serialises Python code, not the C code it calls."),
    .workload = "cpu-hash",
    .params = (const SlPresetParam[]) { { "bytes", "65536" }, { "rounds", "2048" }, { NULL } },
    .runtime = SL_RUNTIME_PYTHON,
    ARTICLE_SWEEP,
    .tasks = 16,
    .repeat = 3,
  },
};

const SlPreset *
sl_preset_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i].id, id))
      return &presets[i];

  return NULL;
}

const SlPreset **
sl_preset_list (guint *n_presets)
{
  static const SlPreset *list[G_N_ELEMENTS (presets) + 1];

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    list[i] = &presets[i];
  list[G_N_ELEMENTS (presets)] = NULL;

  if (n_presets != NULL)
    *n_presets = G_N_ELEMENTS (presets);

  return list;
}

const char *
sl_preset_get_param (const SlPreset *preset,
                     const char     *name)
{
  g_return_val_if_fail (preset != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (const SlPresetParam *p = preset->params; p != NULL && p->name != NULL; p++)
    if (g_str_equal (p->name, name))
      return p->value;

  return NULL;
}
