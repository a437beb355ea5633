/* sl-clock.h: the one clock every measurement uses. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CLOCK_MONOTONIC in nanoseconds. */
gint64 sl_clock_ns (void);

G_END_DECLS
