/* sl-ui-test-util.c: what the window's tests share. */
#define G_LOG_DOMAIN "sl-ui-test"

#include "config.h"

#include "sl-test-util.h"
#include "sl-ui-test-util.h"
#include "sl-ui-util.h"

static char *data_home;

gboolean
sl_ui_test_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  g_test_init (argc, argv, NULL);
  gtk_disable_setlocale ();

  /* Before GLib reads it. */
  data_home = sl_test_make_tmp_dir ("speedup-lab-ui-test-XXXXXX");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the window's tests\n");
      sl_test_remove_tree (data_home);
      g_clear_pointer (&data_home, g_free);
      return FALSE;
    }
  adw_init ();

  /* The application's style, which an application would load by itself. */
  sl_ui_register_resources ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, SL_UI_RESOURCE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  return TRUE;
}

int
sl_ui_test_run (void)
{
  int status = g_test_run ();

  sl_test_remove_tree (data_home);
  g_clear_pointer (&data_home, g_free);
  return status;
}

const char *
sl_ui_test_get_data_home (void)
{
  return data_home;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
sl_ui_test_wait_for (SlUiTestCondition done,
                     gpointer          data,
                     double            seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint wake = g_timeout_add (10, wake_cb, NULL);
  gboolean ok;

  while (!(ok = done (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);

  return ok;
}

gboolean
sl_ui_test_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

gboolean
sl_ui_test_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

gboolean
sl_ui_test_is_idle (gpointer data)
{
  return !sl_window_get_running (data);
}

SlWindow *
sl_ui_test_new_window (void)
{
  SlWindow *window = sl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_mapped, window, 10));

  return window;
}

void
sl_ui_test_destroy_window (gpointer window)
{
  gpointer alive = window;

  g_object_add_weak_pointer (G_OBJECT (window), &alive);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_null, &alive, 10));
}

GtkWidget *
sl_ui_test_find_type (GtkWidget *widget,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sl_ui_test_find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
sl_ui_test_find_button (GtkWidget  *widget,
                        const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sl_ui_test_find_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWindow *
sl_ui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

gboolean
sl_ui_test_is_shown (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
settled (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

void
sl_ui_test_settle (double seconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  sl_ui_test_wait_for (settled, &until, seconds + 1);
}

typedef struct {
  SlChartView *chart;
  guint        after;
} DrawWait;

static gboolean
drew (gpointer data)
{
  DrawWait *wait = data;

  return sl_chart_view_get_n_draws (wait->chart) > wait->after;
}

void
sl_ui_test_wait_for_draw (SlChartView *chart,
                          guint        after)
{
  DrawWait wait = { chart, after };

  g_assert_true (sl_ui_test_wait_for (drew, &wait, 10));
}

/* ---- pixels ---- */

/* A texture's pixels as cairo's native-endian ARGB32 words, premultiplied. */
static guint32 *
download (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  guint32 *pixels = g_new (guint32, (gsize) width * height);

  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  return pixels;
}

GdkTexture *
sl_ui_test_texture_from_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = gdk_texture_new_from_filename (path, &error);

  g_assert_no_error (error);
  return texture;
}

guint
sl_ui_test_count_different (GdkTexture *a,
                            GdkTexture *b,
                            guint      *largest)
{
  int width = gdk_texture_get_width (a);
  int height = gdk_texture_get_height (a);
  g_autofree guint32 *pa = NULL;
  g_autofree guint32 *pb = NULL;
  guint n = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (b), ==, height);
  pa = download (a);
  pb = download (b);
  *largest = 0;

  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      guint d = 0;

      for (guint shift = 0; shift < 24; shift += 8)
        d = MAX (d, (guint) ABS ((int) (pa[i] >> shift & 0xff) - (int) (pb[i] >> shift & 0xff)));
      if (d > 0)
        n++;
      *largest = MAX (*largest, d);
    }

  return n;
}

guint32
sl_ui_test_texture_pixel (GdkTexture *texture,
                          int         x,
                          int         y)
{
  g_autofree guint32 *pixels = download (texture);

  return pixels[(gsize) y * gdk_texture_get_width (texture) + x] & 0xffffff;
}

static gboolean
rendered (gpointer data)
{
  g_autoptr(GdkTexture) texture = sl_ui_render_widget (data);

  return texture != NULL;
}

void
sl_ui_test_screenshot (GtkWidget  *widget,
                       const char *name)
{
  const char *folder = g_getenv ("SL_TEST_SCREENSHOTS");
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (folder == NULL)
    return;

  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s.png", name, dark ? "dark" : "light");
      g_autofree char *path = g_build_filename (folder, file, NULL);
      g_autoptr(GdkTexture) texture = NULL;

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      sl_ui_test_settle (0.5);
      g_assert_true (sl_ui_test_wait_for (rendered, widget, 5));
      texture = sl_ui_render_widget (widget);
      g_assert_true (gdk_texture_save_to_png (texture, path));
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}
