/* sl-mix.c: the 64-bit mixing function (see sl-mix.h). */
#define G_LOG_DOMAIN "sl-mix"

#include "config.h"

#include "sl-mix.h"

guint64
sl_mix64 (guint64 x)
{
  /* splitmix64's finaliser: cheap, well mixed, and not foldable by a compiler across a loop. */
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}
