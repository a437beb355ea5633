/* sl-test-util.h: checks shared by the test programs that start threads and processes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Entries in /proc/self/fd: compare before and after to find a leaked descriptor. */
int  sl_test_count_fds (void);
/* Fails unless this process has no child left, running or zombie. */
void sl_test_assert_no_children (void);

G_END_DECLS
