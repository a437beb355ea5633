/* sl-test-util.h: checks shared by the test programs that start threads and processes. */
#pragma once

#include <glib.h>

#include "sl-workload.h"

G_BEGIN_DECLS

/* Entries in /proc/self/fd: compare before and after to find a leaked descriptor. */
int  sl_test_count_fds (void);
/* Fails unless this process has no child left, running or zombie. */
void sl_test_assert_no_children (void);

/* Resolves the parameters of workload `id` from "name", "value" pairs ending with NULL, with
 * the workload's defaults for the rest; fails the test on an error. */
SlParams *sl_test_resolve_params (const char *id, ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
