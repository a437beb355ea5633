/* sl-worker-slider.h: chooses the worker counts of a sweep: a log-spaced scale for the largest
 * count, and powers of two, every count or a custom list below it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_WORKER_SLIDER_MAX 64

typedef enum {
  SL_SWEEP_POWERS_OF_TWO,
  SL_SWEEP_EVERY_COUNT,
  SL_SWEEP_CUSTOM,
} SlSweep;

#define SL_TYPE_WORKER_SLIDER (sl_worker_slider_get_type ())

G_DECLARE_FINAL_TYPE (SlWorkerSlider, sl_worker_slider, SL, WORKER_SLIDER, GtkWidget)

GtkWidget  *sl_worker_slider_new             (void);
guint       sl_worker_slider_get_max_workers (SlWorkerSlider *self);
void        sl_worker_slider_set_max_workers (SlWorkerSlider *self,
                                              guint           max_workers);
SlSweep     sl_worker_slider_get_sweep       (SlWorkerSlider *self);
void        sl_worker_slider_set_sweep       (SlWorkerSlider *self,
                                              SlSweep         sweep);
const char *sl_worker_slider_get_custom_text (SlWorkerSlider *self);
void        sl_worker_slider_set_custom_text (SlWorkerSlider *self,
                                              const char     *text);
guint       sl_worker_slider_get_usable_cpus (SlWorkerSlider *self);
void        sl_worker_slider_set_usable_cpus (SlWorkerSlider *self,
                                              guint           usable_cpus);
/* Picks the sweep and the largest count that give exactly `workers` (guint, ascending), or the
 * custom list that does. */
void        sl_worker_slider_set_workers     (SlWorkerSlider *self,
                                              GArray         *workers);
/* The worker counts chosen, ascending; NULL with `error` when the custom list is malformed. */
GArray     *sl_worker_slider_dup_workers     (SlWorkerSlider *self,
                                              GError        **error);
/* Marks the slider as holding an invalid value with `message`; NULL clears the mark. */
void        sl_worker_slider_set_problem     (SlWorkerSlider *self,
                                              const char     *message);
GtkWidget  *sl_worker_slider_get_scale       (SlWorkerSlider *self);

G_END_DECLS
