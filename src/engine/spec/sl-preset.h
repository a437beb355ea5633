/* sl-preset.h: the article's experiments, ready to run, with the article's published numbers. */
#pragma once

#include <glib.h>

#include "sl-types.h"

G_BEGIN_DECLS

typedef struct {
  guint  workers;
  double threads_s;    /* the article's multithreading time, seconds */
  double processes_s;  /* the article's multiprocessing time, seconds */
} SlReferenceRow;

typedef struct {
  const char           *id;
  const char           *title;
  const char           *description;
  const char           *workload;
  const char           *params;     /* "key=value;key=value" */
  SlRuntime             runtime;
  const char           *models;     /* "threads,processes" */
  const char           *workers;    /* worker list syntax */
  guint64               tasks;      /* 0: workload default */
  guint                 repeat;
  /* The article's table for this experiment (quad-core machine, CPython), or NULL. */
  const char           *reference_label;
  const SlReferenceRow *reference;
  guint                 n_reference;
} SlPreset;

const SlPreset  *sl_preset_lookup (const char *id);
const SlPreset **sl_preset_list (guint *n_presets);

G_END_DECLS
