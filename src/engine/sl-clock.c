/* sl-clock.c: the one clock every measurement uses. */
#define G_LOG_DOMAIN "sl-clock"

#include "config.h"

#include <time.h>

#include "sl-clock.h"

gint64
sl_clock_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}
