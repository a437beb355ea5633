/* sl-sysinfo-json.h: the machine as JSON, the "system" object of a result document, also printed
 * by `speedup-lab-cli info --json`. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sl-sysinfo.h"

G_BEGIN_DECLS

JsonNode  *sl_sysinfo_to_json (const SlSysInfo *info);
SlSysInfo *sl_sysinfo_from_json (JsonNode *node, GError **error);
/* The same for an object at `where` in a larger document ("system"), for its error messages. */
SlSysInfo *sl_sysinfo_from_json_object (JsonObject  *object,
                                        const char  *where,
                                        GError     **error);

G_END_DECLS
