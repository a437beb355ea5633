/* test-compare.c: experiments side by side: the Mann–Whitney U test on known values, the labels
 * of what differs, the comparison table and its significance, the machine warning. */
#define G_LOG_DOMAIN "test-compare"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-analysis.h"
#include "sl-chart-test-util.h"
#include "sl-compare.h"
#include "sl-error.h"
#include "sl-mann-whitney.h"

/* Tests: the Mann–Whitney U test */

static double
mwu (const double        *a,
     guint                n_a,
     const double        *b,
     guint                n_b,
     SlMannWhitneyMethod  method,
     double              *u)
{
  return sl_mann_whitney_test (a, n_a, b, n_b, method, u);
}

/* SciPy's documented example (scipy.stats.mannwhitneyu): ages of male and female authors. */
static const double males[] = { 19, 22, 16, 29, 24 };
static const double females[] = { 20, 11, 17, 12 };

static void
test_mann_whitney_exact (void)
{
  /* R's ?wilcox.test: W = 35, p = 0.1272 one-sided, so 0.2544 two-sided (exact). */
  const double x[] = { 0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46 };
  const double y[] = { 1.15, 0.88, 0.90, 0.74, 1.21 };
  const double low3[] = { 1, 2, 3 }, high3[] = { 4, 5, 6 };
  const double low5[] = { 1, 2, 3, 4, 5 }, high5[] = { 6, 7, 8, 9, 10 };
  double u;

  /* SciPy: statistic=17.0, pvalue=0.1111111111111111 */
  g_assert_cmpfloat_with_epsilon (mwu (males, 5, females, 4, SL_MANN_WHITNEY_AUTO, &u),
                                  1.0 / 9.0, 1e-12);
  g_assert_cmpfloat (u, ==, 17.0);
  /* The other way round: U of the other sample, the same p. */
  g_assert_cmpfloat_with_epsilon (mwu (females, 4, males, 5, SL_MANN_WHITNEY_EXACT, &u),
                                  1.0 / 9.0, 1e-12);
  g_assert_cmpfloat (u, ==, 3.0);

  g_assert_cmpfloat_with_epsilon (mwu (x, G_N_ELEMENTS (x), y, G_N_ELEMENTS (y),
                                       SL_MANN_WHITNEY_AUTO, &u), 0.2544122544122544, 1e-12);
  g_assert_cmpfloat (u, ==, 35.0);

  /* Completely apart: the smallest p the sizes allow, 2 / C(6, 3) and 2 / C(10, 5). Three
   * repetitions on each side can never reach 0.05. */
  g_assert_cmpfloat_with_epsilon (mwu (low3, 3, high3, 3, SL_MANN_WHITNEY_AUTO, &u), 0.1, 1e-12);
  g_assert_cmpfloat (u, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (mwu (high5, 5, low5, 5, SL_MANN_WHITNEY_AUTO, &u),
                                  2.0 / 252.0, 1e-12);
  g_assert_cmpfloat (u, ==, 25.0);

  /* Interleaved perfectly: no evidence at all. */
  g_assert_cmpfloat (mwu ((double[]) { 1, 4, 5, 8 }, 4, (double[]) { 2, 3, 6, 7 }, 4,
                          SL_MANN_WHITNEY_AUTO, NULL), ==, 1.0);
}

static void
test_mann_whitney_asymptotic (void)
{
  const double a[] = { 1, 2, 2, 3, 4, 5, 5, 6 };
  const double b[] = { 3, 4, 6, 7, 7, 8, 9, 9, 10 };
  const double same[] = { 2, 2, 2 };
  g_autofree double *big_a = g_new (double, 40);
  g_autofree double *big_b = g_new (double, 40);
  double u;

  /* SciPy: method="asymptotic" gives pvalue=0.11134688653314041. */
  g_assert_cmpfloat_with_epsilon (mwu (males, 5, females, 4, SL_MANN_WHITNEY_ASYMPTOTIC, &u),
                                  0.11134688653314041, 1e-12);

  /* Ties: the auto method takes the normal approximation with the tie correction. */
  g_assert_cmpfloat_with_epsilon (mwu (a, G_N_ELEMENTS (a), b, G_N_ELEMENTS (b),
                                       SL_MANN_WHITNEY_AUTO, &u), 0.009072974966142146, 1e-12);
  g_assert_cmpfloat (u, ==, 8.5);

  /* Every value tied: p = 1, not a division by zero. */
  g_assert_cmpfloat (mwu (same, 3, same, 3, SL_MANN_WHITNEY_AUTO, NULL), ==, 1.0);

  /* Large samples far apart: p is tiny; the exact method is not enumerated at this size. */
  for (guint i = 0; i < 40; i++)
    {
      big_a[i] = 1.0 + i * 0.001;
      big_b[i] = 2.0 + i * 0.001;
    }
  g_assert_cmpfloat (mwu (big_a, 40, big_b, 40, SL_MANN_WHITNEY_AUTO, NULL), <, 1e-10);
  g_assert_cmpfloat_with_epsilon (mwu (big_a, 40, big_b, 40, SL_MANN_WHITNEY_AUTO, NULL),
                                  mwu (big_a, 40, big_b, 40, SL_MANN_WHITNEY_ASYMPTOTIC, NULL),
                                  1e-15);
}

static void
test_mann_whitney_degenerate (void)
{
  const double a[] = { 1, NAN, 2, INFINITY, 3 };
  const double b[] = { 4, 5, 6 };
  double u = 0.0;

  /* Values that are not finite are left out: this is 3 against 3. */
  g_assert_cmpfloat_with_epsilon (mwu (a, G_N_ELEMENTS (a), b, 3, SL_MANN_WHITNEY_AUTO, &u), 0.1,
                                  1e-12);
  g_assert_true (isnan (mwu (a, 0, b, 3, SL_MANN_WHITNEY_AUTO, &u)));
  g_assert_true (isnan (u));
  g_assert_true (isnan (mwu ((double[]) { NAN }, 1, b, 3, SL_MANN_WHITNEY_AUTO, NULL)));
  g_assert_true (isnan (mwu (b, 3, NULL, 0, SL_MANN_WHITNEY_AUTO, NULL)));
  /* One against one: possible, and says nothing. */
  g_assert_cmpfloat (mwu (a, 1, b, 1, SL_MANN_WHITNEY_AUTO, NULL), ==, 1.0);
}

/* Results to compare */

/* `wall` seconds at every point, `runs` repetitions spread by ±`spread`, `factor` times slower
 * per doubling of the workers (1: flat). */
static SlResult *
make_result (const char *preset,
             const char *created,
             double      wall,
             guint       runs,
             double      spread)
{
  SlResult *result = new_result (preset, "1,2,4", 4);

  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      point->status = SL_POINT_DONE;
      g_array_set_size (point->repetitions, 0);
      for (guint r = 0; r < runs; r++)
        {
          SlRepetition rep = { 0 };

          rep.wall_s = wall / point->workers * (1.0 + spread * ((double) r / MAX (runs - 1, 1) - 0.5));
          rep.usage.user_s = wall;
          rep.checksum_ok = TRUE;
          g_array_append_val (point->repetitions, rep);
        }
    }
  g_free (result->created);
  result->created = g_strdup (created);
  sl_analysis_update (result);

  return result;
}

static GPtrArray *
results_of (SlResult *first,
            ...)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_free);
  va_list args;

  va_start (args, first);
  for (SlResult *r = first; r != NULL; r = va_arg (args, SlResult *))
    g_ptr_array_add (results, r);
  va_end (args);

  return results;
}

/* Tests: labels */

static void
assert_labels (GPtrArray  *results,
               const char *first,
               ...)
{
  g_autoptr(GPtrArray) labels = sl_compare_labels (results);
  va_list args;
  guint i = 0;

  va_start (args, first);
  for (const char *expected = first; expected != NULL; expected = va_arg (args, const char *))
    {
      g_assert_cmpuint (i, <, labels->len);
      g_assert_cmpstr (labels->pdata[i], ==, expected);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (i, ==, labels->len);
}

static void
test_labels_runtime (void)
{
  g_autoptr(GPtrArray) results = NULL;
  SlResult *python;

  python = make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02);
  python->spec->runtime = SL_RUNTIME_PYTHON;
  results = results_of (make_result (NULL, "2026-11-21T12:00:00Z", 1.0, 5, 0.02), python, NULL);

  /* Only the runtime differs (the dates always do, and are not named then). */
  assert_labels (results, "native", "Python", NULL);
}

static void
test_labels_workload (void)
{
  g_autoptr(GPtrArray) results =
    results_of (make_result ("seed-cpu", "2026-11-20T12:00:00Z", 1.0, 5, 0.02),
                make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02), NULL);

  /* Presets by their titles, a workload by its own; parameters of different workloads are not
   * named. */
  assert_labels (results, "Sum of 100 million integers", "Sum of integers", NULL);
}

static void
test_labels_settings (void)
{
  g_autoptr(GPtrArray) results = NULL;
  SlResult *a = make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02);
  SlResult *b = make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02);

  sl_params_set (b->spec->params, "n", "5000000");
  b->spec->chunk = 4;
  results = results_of (a, b, NULL);
  assert_labels (results, "chunk=1, n=100000000", "chunk=4, n=5000000", NULL);
}

static void
test_labels_machine (void)
{
  g_autoptr(GPtrArray) results = NULL;
  SlResult *a = make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02);
  SlResult *b = make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02);
  SlResult *c = make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02);

  g_free (b->system->cpu_model);
  b->system->cpu_model = g_strdup ("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz");
  results = results_of (a, b, c, NULL);

  /* "(R)" is noise in a legend; the same CPU twice is told apart by the date, then a number. */
  {
    g_autoptr(GPtrArray) labels = sl_compare_labels (results);

    g_assert_cmpstr (labels->pdata[1], ==, "Intel Xeon Gold 6248 CPU @ 2.50GHz");
    g_assert_true (g_str_has_prefix (labels->pdata[0], "Test CPU 3000"));
    g_assert_true (g_str_has_prefix (labels->pdata[2], "Test CPU 3000"));
    g_assert_cmpstr (labels->pdata[0], !=, labels->pdata[2]);
  }
}

static void
test_labels_date (void)
{
  g_autoptr(GPtrArray) same_day = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) labels = NULL;

  /* The same experiment run again: the date is what differs. Noon UTC is the same date in every
   * time zone within 12 hours of it. */
  days = results_of (make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02),
                     make_result (NULL, "2026-11-27T12:00:00Z", 1.0, 5, 0.02), NULL);
  labels = sl_compare_labels (days);
  g_assert_true (g_str_has_prefix (labels->pdata[0], "2026-11-20 "));
  g_assert_true (g_str_has_prefix (labels->pdata[1], "2026-11-27 "));
  g_clear_pointer (&labels, g_ptr_array_unref);

  /* The same minute: to the second. */
  same_day = results_of (make_result (NULL, "2026-11-20T12:00:01Z", 1.0, 5, 0.02),
                         make_result (NULL, "2026-11-20T12:00:42Z", 1.0, 5, 0.02), NULL);
  labels = sl_compare_labels (same_day);
  g_assert_true (g_str_has_suffix (labels->pdata[0], ":01"));
  g_assert_true (g_str_has_suffix (labels->pdata[1], ":42"));
  g_clear_pointer (&labels, g_ptr_array_unref);

  /* Copies of one file: numbered, never two alike. */
  copies = results_of (make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02),
                       make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02), NULL);
  labels = sl_compare_labels (copies);
  g_assert_true (g_str_has_suffix (labels->pdata[0], " (1)"));
  g_assert_true (g_str_has_suffix (labels->pdata[1], " (2)"));
}

static void
test_labels_mixed (void)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  SlResult *a = make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02);
  SlResult *b = make_result (NULL, "2026-11-22T12:00:00Z", 1.0, 5, 0.02);
  SlResult *c = make_result (NULL, "2026-11-24T12:00:00Z", 1.0, 5, 0.02);

  /* "native", "native", "Python": the dates tell the first two apart, and only those. */
  c->spec->runtime = SL_RUNTIME_PYTHON;
  results = results_of (a, b, c, NULL);
  labels = sl_compare_labels (results);
  g_assert_true (g_str_has_prefix (labels->pdata[0], "native · 2026-11-20 "));
  g_assert_true (g_str_has_prefix (labels->pdata[1], "native · 2026-11-22 "));
  g_assert_cmpstr (labels->pdata[2], ==, "Python");
  g_clear_pointer (&labels, g_ptr_array_unref);

  /* A title of the person's own leads, and sets its experiment apart. */
  a->title = g_strdup ("Baseline");
  assert_labels (results, "Baseline · native", "native", "Python", NULL);
}

/* Tests: the table */

static const SlCompareRow *
find_row (const SlComparison *comparison,
          guint               other,
          SlModel             model,
          guint               workers)
{
  for (guint i = 0; i < comparison->rows->len; i++)
    {
      const SlCompareRow *row = &g_array_index (comparison->rows, SlCompareRow, i);

      if (row->other == other && row->model == model && row->workers == workers)
        return row;
    }
  g_assert_not_reached ();
}

static void
test_rows (void)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(SlComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  const SlCompareRow *row;

  /* B is 30 % slower, C 2 % slower, both with 5 runs spread ±1 %; D has 2 runs only. */
  results = results_of (make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02),
                        make_result (NULL, "2026-11-21T12:00:00Z", 1.3, 5, 0.02),
                        make_result (NULL, "2026-11-22T12:00:00Z", 1.02, 5, 0.02),
                        make_result (NULL, "2026-11-23T12:00:00Z", 2.0, 2, 0.02), NULL);
  comparison = sl_comparison_new (results, &error);
  g_assert_no_error (error);
  g_assert_true (comparison->results == results);
  g_assert_cmpuint (comparison->labels->len, ==, 4);
  /* 3 others × 2 models × 3 worker counts, in order. */
  g_assert_cmpuint (comparison->rows->len, ==, 18);
  row = &g_array_index (comparison->rows, SlCompareRow, 0);
  g_assert_cmpuint (row->other, ==, 1);
  g_assert_cmpint (row->model, ==, SL_MODEL_THREADS);
  g_assert_cmpuint (row->workers, ==, 1);
  row = &g_array_index (comparison->rows, SlCompareRow, 5);
  g_assert_cmpint (row->model, ==, SL_MODEL_PROCESSES);
  g_assert_cmpuint (row->workers, ==, 4);
  g_assert_false (comparison->different_machines);
  g_assert_null (comparison->warning);

  row = find_row (comparison, 1, SL_MODEL_PROCESSES, 2);
  g_assert_cmpfloat_with_epsilon (row->time_a, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->time_b, 0.65, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->ratio, 1.3, 1e-12);
  g_assert_cmpuint (row->n_a, ==, 5);
  g_assert_cmpfloat_with_epsilon (row->p_value, 2.0 / 252.0, 1e-12);
  g_assert_true (row->significant);

  /* Apart beyond the noise, but by less than 5 %: not a difference worth naming. */
  row = find_row (comparison, 2, SL_MODEL_THREADS, 4);
  g_assert_cmpfloat (row->p_value, <, 0.05);
  g_assert_cmpfloat_with_epsilon (row->ratio, 1.02, 1e-12);
  g_assert_false (row->significant);

  /* Twice as slow, but two runs against five cannot show it: p is at least 2 / C(7, 2). */
  row = find_row (comparison, 3, SL_MODEL_THREADS, 1);
  g_assert_cmpfloat_with_epsilon (row->ratio, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->p_value, 2.0 / 21.0, 1e-12);
  g_assert_false (row->significant);
}

static void
test_rows_missing (void)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(SlComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  SlResult *a = make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02);
  SlResult *b = new_result (NULL, "2,8", 4);
  const SlCompareRow *row;

  /* B: processes only, at 2 and 8 workers, one of them failed, the other with one run. */
  g_array_set_size (b->spec->models, 1);
  g_array_index (b->spec->models, SlModel, 0) = SL_MODEL_PROCESSES;
  g_ptr_array_remove_range (b->points, 0, 2);
  set_point (b, SL_MODEL_PROCESSES, 2, 0.4, 2.0);
  g_array_set_size (sl_result_find_point (b, SL_MODEL_PROCESSES, 2)->repetitions, 1);
  fail_point (b, SL_MODEL_PROCESSES, 8);
  results = results_of (a, b, NULL);

  comparison = sl_comparison_new (results, &error);
  g_assert_no_error (error);
  /* threads 1, 2, 4; processes 1, 2, 4, 8 */
  g_assert_cmpuint (comparison->rows->len, ==, 7);

  row = find_row (comparison, 1, SL_MODEL_THREADS, 2);
  g_assert_cmpfloat_with_epsilon (row->time_a, 0.5, 1e-12);
  g_assert_true (isnan (row->time_b));
  g_assert_true (isnan (row->ratio));
  g_assert_true (isnan (row->p_value));
  g_assert_false (row->significant);

  row = find_row (comparison, 1, SL_MODEL_PROCESSES, 2);
  g_assert_cmpfloat_with_epsilon (row->ratio, 0.8, 1e-12);
  g_assert_cmpuint (row->n_b, ==, 1);
  g_assert_true (isnan (row->p_value));

  row = find_row (comparison, 1, SL_MODEL_PROCESSES, 8);
  g_assert_true (isnan (row->time_a));
  g_assert_true (isnan (row->time_b));
}

static void
test_machines (void)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(SlComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  SlResult *laptop = make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02);

  g_free (laptop->system->cpu_model);
  laptop->system->cpu_model = g_strdup ("AMD Ryzen 7 5800U");
  laptop->system->usable_cpus = 16;
  results = results_of (make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02), laptop, NULL);
  comparison = sl_comparison_new (results, &error);
  g_assert_no_error (error);

  g_assert_true (comparison->different_machines);
  g_assert_true (g_str_has_prefix (comparison->warning, "Compared across different machines"));
  g_assert_nonnull (strstr (comparison->warning, "Test CPU 3000 (4 usable CPUs)"));
  g_assert_nonnull (strstr (comparison->warning, "AMD Ryzen 7 5800U (16 usable CPUs)"));

  /* The same CPU with fewer usable CPUs is another machine too. */
  g_clear_pointer (&comparison, sl_comparison_free);
  g_free (laptop->system->cpu_model);
  laptop->system->cpu_model = g_strdup ("Test CPU 3000");
  laptop->system->logical_cpus = 4;
  laptop->system->usable_cpus = 2;
  comparison = sl_comparison_new (results, &error);
  g_assert_true (comparison->different_machines);
}

static void
test_errors (void)
{
  g_autoptr(GPtrArray) results =
    results_of (make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02), NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (sl_comparison_new (results, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "two experiments or more"));
}

static void
test_json (void)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(SlComparison) comparison = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  SlResult *b = make_result (NULL, "2026-11-21T12:00:00Z", 1.3, 5, 0.02);
  JsonObject *root, *row;
  JsonArray *rows, *experiments;

  sl_params_set (b->spec->params, "n", "http://a:S3cret@h/");
  results = results_of (make_result (NULL, "2026-11-20T12:00:00Z", 1.0, 5, 0.02), b, NULL);
  comparison = sl_comparison_new (results, &error);
  node = sl_comparison_to_json (comparison);
  root = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "speedup-lab-comparison/1");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (root, "rule"),
                                                    "alpha"), ==, 0.05);
  experiments = json_object_get_array_member (root, "experiments");
  g_assert_cmpuint (json_array_get_length (experiments), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (experiments, 0),
                                                  "label"), ==, comparison->labels->pdata[0]);
  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, comparison->rows->len);
  row = json_array_get_object_element (rows, 4);
  g_assert_cmpstr (json_object_get_string_member (row, "model"), ==, "processes");
  g_assert_cmpint (json_object_get_int_member (row, "workers"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "ratio"), 1.3, 1e-12);
  g_assert_true (json_object_get_boolean_member (row, "significant"));
  g_assert_true (json_object_get_null_member (root, "warning"));

  /* No password reaches a file or a legend. */
  {
    g_autofree char *text = json_to_string (node, FALSE);

    g_assert_null (strstr (text, "S3cret"));
    g_assert_null (strstr (comparison->labels->pdata[1], "S3cret"));
    g_assert_nonnull (strstr (comparison->labels->pdata[1], "n=http://a:***@h/"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare/mann-whitney/exact", test_mann_whitney_exact);
  g_test_add_func ("/compare/mann-whitney/asymptotic", test_mann_whitney_asymptotic);
  g_test_add_func ("/compare/mann-whitney/degenerate", test_mann_whitney_degenerate);
  g_test_add_func ("/compare/labels/runtime", test_labels_runtime);
  g_test_add_func ("/compare/labels/workload", test_labels_workload);
  g_test_add_func ("/compare/labels/settings", test_labels_settings);
  g_test_add_func ("/compare/labels/machine", test_labels_machine);
  g_test_add_func ("/compare/labels/date", test_labels_date);
  g_test_add_func ("/compare/labels/mixed", test_labels_mixed);
  g_test_add_func ("/compare/rows", test_rows);
  g_test_add_func ("/compare/rows/missing", test_rows_missing);
  g_test_add_func ("/compare/machines", test_machines);
  g_test_add_func ("/compare/errors", test_errors);
  g_test_add_func ("/compare/json", test_json);

  return g_test_run ();
}
