/* sl-chart-test-util.c: results built by hand and pixel checks, shared by the chart tests. */
#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-analysis.h"
#include "sl-chart-test-util.h"
#include "sl-experiment-spec.h"
#include "sl-sysinfo.h"
#include "sl-test-util.h"

SlResult *
new_result (const char *preset,
            const char *workers,
            guint       usable_cpus)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(GError) error = NULL;
  SlSysInfo *system = sl_sysinfo_new ();
  SlResult *result;

  if (preset != NULL)
    {
      sl_experiment_spec_apply_preset (spec, preset, &error);
      g_assert_no_error (error);
    }
  if (workers != NULL)
    {
      g_array_unref (spec->workers);
      spec->workers = sl_parse_worker_list (workers, &error);
      g_assert_no_error (error);
    }
  spec->repeat = 3;
  sl_test_resolve_spec (&spec);

  system->cpu_model = g_strdup ("Test CPU 3000");
  system->usable_cpus = usable_cpus;
  system->logical_cpus = usable_cpus;
  result = sl_result_new (spec, system);
  result->status = SL_RESULT_COMPLETE;

  return result;
}

SlPoint *
set_point (SlResult *result,
           SlModel   model,
           guint     workers,
           double    wall_s,
           double    cores)
{
  SlPoint *point = sl_result_find_point (result, model, workers);

  g_assert_nonnull (point);
  point->status = SL_POINT_DONE;
  g_array_set_size (point->repetitions, 0);
  for (guint i = 0; i < 3; i++)
    {
      SlRepetition rep = { 0 };

      rep.wall_s = wall_s;
      rep.usage.user_s = wall_s * cores;
      rep.checksum_ok = TRUE;
      g_array_append_val (point->repetitions, rep);
    }
  for (guint i = 0; i < 50; i++)
    {
      double latency = wall_s / 64.0 * (1.0 + i / 50.0);

      g_array_append_val (point->latencies_s, latency);
    }

  return point;
}

void
fail_point (SlResult *result,
            SlModel   model,
            guint     workers)
{
  SlPoint *point = sl_result_find_point (result, model, workers);

  point->status = SL_POINT_FAILED;
  point->error = g_strdup ("worker 2 crashed (SIGSEGV)");
}

SlResult *
new_scaling_result (void)
{
  SlResult *result = new_result (NULL, "1,2,4,8", 4);
  const double processes[] = { 8.0, 5.0, 2.5, 2.5 };
  const guint workers[] = { 1, 2, 4, 8 };

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      set_point (result, SL_MODEL_THREADS, workers[i], 8.0, 1.0);
      set_point (result, SL_MODEL_PROCESSES, workers[i], processes[i], 8.0 / processes[i]);
    }
  sl_analysis_update (result);

  return result;
}

/* Pixels */

cairo_surface_t *
render (const SlResult       *result,
        SlChartKind           kind,
        const SlChartOptions *options,
        int                   width,
        int                   height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  sl_chart_draw (cr, result, kind, options, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

SlChartColor
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 value;
  SlChartColor color;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  memcpy (&value, data + y * stride + x * 4, sizeof value);
  color.red = ((value >> 16) & 0xff) / 255.0;
  color.green = ((value >> 8) & 0xff) / 255.0;
  color.blue = (value & 0xff) / 255.0;

  return color;
}

double
color_distance (SlChartColor a,
                SlChartColor b)
{
  return MAX (fabs (a.red - b.red), MAX (fabs (a.green - b.green), fabs (a.blue - b.blue)));
}

gboolean
color_near (cairo_surface_t *surface,
            double           x,
            double           y,
            int              radius,
            SlChartColor     color,
            double           tolerance)
{
  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      if (color_distance (pixel (surface, (int) floor (x) + dx, (int) floor (y) + dy), color) <=
          tolerance)
        return TRUE;

  return FALSE;
}

double
luminance (SlChartColor c)
{
  return 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue;
}


typedef struct {
  const guint8 *data;
  gsize         size;
  gsize         offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->offset + length > reader->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *
decode_png (GBytes *bytes)
{
  PngReader reader = { 0 };

  reader.data = g_bytes_get_data (bytes, &reader.size);
  return cairo_image_surface_create_from_png_stream (read_png, &reader);
}
