/* sl-checksum.c: the byte-stream checksum (see sl-checksum.h). */
#define G_LOG_DOMAIN "sl-checksum"

#include "config.h"

#include "sl-checksum.h"

guint64
sl_checksum_update (guint64     state,
                    const void *data,
                    gsize       length)
{
  const guint8 *bytes = data;

  for (gsize i = 0; i < length; i++)
    {
      state ^= bytes[i];
      state *= G_GUINT64_CONSTANT (0x100000001b3);
    }

  return state;
}
