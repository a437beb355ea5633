/* sl-experiment-spec-json.h: the experiment spec as JSON, the "spec" object of a result document. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sl-experiment-spec.h"

G_BEGIN_DECLS

JsonNode         *sl_experiment_spec_to_json (const SlExperimentSpec *spec);
SlExperimentSpec *sl_experiment_spec_from_json (JsonNode *node, GError **error);
/* The same for an object at `where` in a larger document ("spec"), for its error messages. */
SlExperimentSpec *sl_experiment_spec_from_json_object (JsonObject  *object,
                                                       const char  *where,
                                                       GError     **error);

/* A worker count in a document, through the spec's one grammar (sl_parse_worker_count()). */
gboolean          sl_json_node_get_worker_count (JsonNode    *node,
                                                 const char  *where,
                                                 const char  *key,
                                                 guint       *out,
                                                 GError     **error);

G_END_DECLS
