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
  const char *name;
  const char *value;   /* as a person would type it; the validator normalises it */
} SlPresetParam;

/* Typed data, checked by tests/test-spec.c: every preset validates, and every parameter is one
 * of its workload's. Arrays end with a terminator (NULL name, SL_N_MODELS, 0). */
typedef struct {
  const char           *id;
  const char           *title;
  const char           *subtitle;   /* one line: which experiment of the article it reproduces */
  const char           *description;
  const char           *workload;
  const SlPresetParam  *params;     /* nullable */
  SlRuntime             runtime;
  const SlModel        *models;
  const guint          *workers;    /* ascending */
  guint64               tasks;      /* 0: workload default */
  guint                 repeat;     /* 0: the spec's default */
  /* The article's table for this experiment (quad-core machine, CPython), or NULL. */
  const char           *reference_label;
  const SlReferenceRow *reference;
  guint                 n_reference;
} SlPreset;

const SlPreset  *sl_preset_lookup (const char *id);
const SlPreset **sl_preset_list (guint *n_presets);
/* The value the preset gives parameter `name`, or NULL. */
const char      *sl_preset_get_param (const SlPreset *preset, const char *name);

G_END_DECLS
