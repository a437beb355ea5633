/* sl-error.h: the error domain for failures a user can cause or see.
 *
 * Every message is meant for a person: it names the problem and, where it can, what to do.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SL_ERROR (sl_error_quark ())

typedef enum {
  SL_ERROR_INVALID_INPUT,   /* bad spec, parameter, option or file: nothing was run */
  SL_ERROR_WORKER,          /* a worker crashed, hung, exited or broke the protocol */
  SL_ERROR_TIMEOUT,         /* a task ran past its timeout */
  SL_ERROR_CHECKSUM,        /* a task returned the wrong checksum */
  SL_ERROR_TASK,            /* a task reported a failure of its own (HTTP error, exception) */
  SL_ERROR_IO,              /* reading or writing a file failed */
  SL_ERROR_UNAVAILABLE,     /* a feature is not built in or not usable here */
  SL_ERROR_BUSY,            /* the object is already doing what was asked: a run is under way */
} SlError;

GQuark sl_error_quark (void);

G_END_DECLS
