/* sl-window-export.c: what leaves the window: the chart on screen as PNG, SVG or PDF (the export
 * dialog's size, scale and colours, then the file chooser), the data as a result document, CSV,
 * Markdown or hyperfine JSON, and the clipboard: the chart as an image, the table as text.
 *
 * The chart is written by the chart view that draws it, so an export shows what the screen
 * does. Files are written on GTask threads.
 */
#define G_LOG_DOMAIN "sl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-error.h"
#include "sl-export-dialog.h"
#include "sl-export.h"
#include "sl-file.h"
#include "sl-history.h"
#include "sl-window-private.h"

/* ---- what is exported ---- */

/* The chart on screen, or the speedup chart when the table is: the table has no picture. */
static SlChartView *
chart_to_export (SlWindow *self)
{
  SlChartView *chart = sl_results_view_get_visible_chart (self->results_view);

  return chart ? chart : sl_results_view_get_chart (self->results_view, SL_CHART_SPEEDUP);
}

static gboolean
check_something_shown (SlWindow  *self,
                       GError   **error)
{
  if (self->shown != NULL || self->comparison != NULL)
    return TRUE;

  g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("There is no result yet"));
  return FALSE;
}

/* "seed-cpu-speedup", "cpu-sum-compared-speedup": a file name to start from. */
static char *
base_name (SlWindow *self,
           SlChartKind kind,
           gboolean    with_kind)
{
  const SlResult *result = self->comparison ? self->compared->pdata[0] : self->shown;
  const char *name = result->spec->preset ? result->spec->preset : result->spec->workload;

  return g_strdup_printf ("%s%s%s%s", name, self->comparison ? "-compared" : "",
                          with_kind ? "-" : "", with_kind ? sl_chart_kind_to_string (kind) : "");
}

gboolean
sl_window_export_chart_full (SlWindow           *self,
                             const char         *path,
                             int                 width,
                             int                 height,
                             double              scale,
                             SlChartExportTheme  theme,
                             GError            **error)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_something_shown (self, error))
    return FALSE;

  return sl_chart_view_export (chart_to_export (self), path, width, height, scale, theme, error);
}

gboolean
sl_window_export_chart (SlWindow    *self,
                        const char  *path,
                        GError     **error)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);

  /* The size on screen, at the screen's scale, in the colours on screen. */
  return sl_window_export_chart_full (self, path, 0, 0,
                                      gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                      SL_CHART_EXPORT_THEME_AS_SHOWN, error);
}

gboolean
sl_window_export_data (SlWindow        *self,
                       const char      *path,
                       SlExportFormat   format,
                       GError         **error)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_something_shown (self, error))
    return FALSE;

  if (self->comparison != NULL)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonGenerator) generator = NULL;
      g_autofree char *text = NULL;

      /* Experiments side by side have one document: the comparison's. */
      if (format != SL_EXPORT_JSON)
        {
          g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                               _("A comparison is exported as JSON; open one experiment to "
                                 "export it as CSV, Markdown or hyperfine JSON"));
          return FALSE;
        }
      node = sl_comparison_to_json (self->comparison);
      generator = json_generator_new ();
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      return sl_file_write_atomic (path, text, -1, error);
    }

  return sl_export_write (self->shown, path, format, error);
}

/* ---- writing on a thread ---- */

typedef struct {
  GFile          *file;
  SlResult       *result;       /* data of one result in `format`, */
  SlExportFormat  format;
  GBytes         *bytes;        /* or what to write as it is, */
  char           *copy_from;    /* or a file to copy */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->result, sl_result_free);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->copy_from);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autofree char *path = g_file_get_path (job->file);
  GError *error = NULL;
  gboolean ok;

  if (path == NULL)
    {
      g_task_return_new_error (task, SL_ERROR, SL_ERROR_INVALID_INPUT,
                               _("Only files of this computer can be written"));
      return;
    }

  if (job->copy_from != NULL)
    {
      g_autoptr(GFile) from = g_file_new_for_path (job->copy_from);

      ok = g_file_copy (from, job->file, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &error);
    }
  else if (job->bytes != NULL)
    {
      gsize size;
      const char *bytes = g_bytes_get_data (job->bytes, &size);

      ok = sl_file_write_atomic (path, bytes, (gssize) size, &error);
    }
  else
    ok = sl_export_write (job->result, path, job->format, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SlWindow) self = user_data;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (self->closed)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    sl_window_toast (self, error->message);
  else if (job->copy_from == NULL && job->bytes == NULL && job->result != NULL &&
           job->format == SL_EXPORT_HYPERFINE)
    {
      /* One file per model: the toast names the first and counts the others. */
      g_autofree char *path = g_file_get_path (job->file);
      g_auto(GStrv) paths = sl_export_hyperfine_paths (job->result, path);
      g_autoptr(GFile) first = g_file_new_for_path (paths[0]);

      sl_window_toast_saved (self, first, g_strv_length (paths) - 1);
    }
  else
    sl_window_toast_saved (self, job->file, 0);
}

static void
export_async (SlWindow  *self,
              ExportJob *job)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, export_done_cb, g_object_ref (self));

  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

void
sl_window_write_async (SlWindow       *self,
                       GFile          *target,
                       SlResult       *result,
                       SlExportFormat  format,
                       const char     *copy_from)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->file = g_object_ref (target);
  job->result = result;
  job->format = format;
  job->copy_from = g_strdup (copy_from);
  export_async (self, job);
}

/* ---- the file chooser ---- */

typedef struct {
  SlWindow           *window;
  gboolean            chart;
  /* a chart: the dialog's choices */
  SlChartKind         kind;
  SlChartFormat       chart_format;
  int                 width, height;
  double              scale;
  SlChartExportTheme  theme;
  /* data */
  SlExportFormat      data_format;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->window);
  g_free (request);
}

/* GtkFileChooserNative: GTK 4.10 deprecates it for GtkFileDialog, which GTK 4.8 (Debian 12)
 * lacks. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     Request         *request)
{
  SlWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  ExportJob *job;

  if (response != GTK_RESPONSE_ACCEPT || self->closed)
    goto out;

  job = g_new0 (ExportJob, 1);
  job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (request->chart)
    {
      /* Rendered now, from what is on screen now; written on a thread. */
      SlChartView *chart = sl_results_view_get_chart (self->results_view, request->kind);

      job->bytes = sl_chart_view_render (chart, request->chart_format, request->width,
                                         request->height, request->scale, request->theme,
                                         &error);
    }
  else if (self->comparison != NULL)
    {
      /* Small, and already in memory. */
      g_autofree char *path = g_file_get_path (job->file);

      if (path != NULL && sl_window_export_data (self, path, request->data_format, &error))
        sl_window_toast_saved (self, job->file, 0);
      else if (error == NULL)
        g_set_error_literal (&error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                             _("Only files of this computer can be written"));
      export_job_free (job);
      job = NULL;
    }
  else if (self->shown != NULL)
    {
      job->result = sl_result_copy (self->shown);
      job->format = request->data_format;
    }

  if (error != NULL)
    {
      sl_window_toast (self, error->message);
      g_clear_pointer (&job, export_job_free);
    }
  if (job != NULL && (job->bytes != NULL || job->result != NULL))
    export_async (self, job);
  else if (job != NULL)
    export_job_free (job);

out:
  request_free (request);
  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
choose_file (SlWindow   *self,
             Request    *request,
             const char *title,
             const char *name,
             const char *filter_name,
             const char *mime_type,
             const char *suffix)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  add_filter (GTK_FILE_CHOOSER (dialog), filter_name, mime_type, suffix);
  g_signal_connect (dialog, "response", G_CALLBACK (chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
G_GNUC_END_IGNORE_DEPRECATIONS

/* ---- actions ---- */

static void
on_export_dialog_cb (SlExportDialog *dialog,
                     SlWindow       *self)
{
  Request *request = g_new0 (Request, 1);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  const char *suffix;

  request->window = g_object_ref (self);
  request->chart = TRUE;
  request->kind = sl_chart_view_get_kind (chart_to_export (self));
  request->chart_format = sl_export_dialog_get_format (dialog);
  request->width = sl_export_dialog_get_width (dialog);
  request->height = sl_export_dialog_get_height (dialog);
  request->scale = sl_export_dialog_get_scale (dialog);
  request->theme = sl_export_dialog_get_theme (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));

  suffix = sl_chart_format_to_string (request->chart_format);
  base = base_name (self, request->kind, TRUE);
  name = g_strdup_printf ("%s.%s", base, suffix);
  switch (request->chart_format)
    {
    case SL_CHART_FORMAT_SVG:
      choose_file (self, request, _("Export Chart"), name, _("SVG image"), "image/svg+xml",
                   suffix);
      break;
    case SL_CHART_FORMAT_PDF:
      choose_file (self, request, _("Export Chart"), name, _("PDF document"), "application/pdf",
                   suffix);
      break;
    case SL_CHART_FORMAT_PNG:
    default:
      choose_file (self, request, _("Export Chart"), name, _("PNG image"), "image/png", suffix);
      break;
    }
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  SlChartView *chart;
  SlExportDialog *dialog;

  if (!check_something_shown (self, NULL))
    return;

  chart = chart_to_export (self);
  dialog = sl_export_dialog_new (GTK_WINDOW (self), gtk_widget_get_width (GTK_WIDGET (chart)),
                                 gtk_widget_get_height (GTK_WIDGET (chart)));
  g_signal_connect_object (dialog, "export", G_CALLBACK (on_export_dialog_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  Request *request;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (!check_something_shown (self, NULL))
    return;

  request = g_new0 (Request, 1);
  request->window = g_object_ref (self);
  base = base_name (self, SL_CHART_SPEEDUP, FALSE);

  if (g_str_equal (format, "csv"))
    {
      request->data_format = SL_EXPORT_CSV;
      name = g_strdup_printf ("%s.csv", base);
      choose_file (self, request, _("Export Data"), name, _("CSV table"), "text/csv", "csv");
    }
  else if (g_str_equal (format, "markdown"))
    {
      request->data_format = SL_EXPORT_MARKDOWN;
      name = g_strdup_printf ("%s.md", base);
      choose_file (self, request, _("Export Data"), name, _("Markdown text"), "text/markdown",
                   "md");
    }
  else if (g_str_equal (format, "hyperfine"))
    {
      request->data_format = SL_EXPORT_HYPERFINE;
      name = g_strdup_printf ("%s.hyperfine.json", base);
      choose_file (self, request, _("Export Data"), name, _("hyperfine JSON"),
                   "application/json", "json");
    }
  else
    {
      request->data_format = SL_EXPORT_JSON;
      name = g_strdup_printf ("%s%s", base, self->comparison ? ".json" : SL_HISTORY_SUFFIX);
      choose_file (self, request, _("Export Data"), name, _("JSON document"),
                   "application/json", "json");
    }
}

gboolean
sl_window_copy_chart (SlWindow  *self,
                      GError   **error)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);

  if (!check_something_shown (self, error))
    return FALSE;

  texture = sl_chart_view_dup_texture (chart_to_export (self),
                                       gtk_widget_get_scale_factor (GTK_WIDGET (self)), error);
  if (texture == NULL)
    return FALSE;

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  return TRUE;
}

gboolean
sl_window_copy_table (SlWindow  *self,
                      GError   **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);

  if (!check_something_shown (self, error))
    return FALSE;

  text = sl_results_view_dup_table_text (self->results_view);
  if (text == NULL)
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("There is no table yet"));
      return FALSE;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  return TRUE;
}

static void
copy_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (sl_window_copy_chart (self, &error))
    sl_window_toast (self, _("Chart copied"));
  else
    sl_window_toast (self, error->message);
}

static void
copy_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (sl_window_copy_table (self, &error))
    sl_window_toast (self, _("Table copied as text"));
  else
    sl_window_toast (self, error->message);
}

void
sl_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "win.export-data", "s", export_data_action);
  gtk_widget_class_install_action (widget_class, "win.copy-chart", NULL, copy_chart_action);
  gtk_widget_class_install_action (widget_class, "win.copy-table", NULL, copy_table_action);

  /* Bindings of the window, not application accelerators: a text field with the focus keeps
   * its own Ctrl+C. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "win.copy-table", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-chart", NULL);
}

void
sl_window_export_update_actions (SlWindow *self)
{
  gboolean shown = self->shown != NULL || self->comparison != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-chart", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-table", shown);
  /* Every format for one result; a comparison has JSON only, and says so for the others. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-data", shown);
}
