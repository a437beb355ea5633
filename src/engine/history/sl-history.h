/* sl-history.h: every experiment kept: the folder of result documents that the window lists and
 * `speedup-lab-cli history` reads, one "speedup-lab/1" document per experiment.
 *
 * Listing is lazy: an entry holds the headline fields of its document (what a list row shows),
 * read without its measurements; the whole result is loaded on demand with sl_result_load(). A
 * file that cannot be read is listed with the reason, never skipped and never deleted.
 */
#pragma once

#include <gio/gio.h>
#include <glib.h>

#include "sl-result.h"

G_BEGIN_DECLS

#define SL_HISTORY_SUFFIX ".speedup.json"

/* $XDG_DATA_HOME/speedup-lab/experiments (from g_get_user_data_dir ()); not created here. */
char      *sl_history_default_dir (void);

/* Saves atomically as DIR/<created, e.g. 2026-11-25T08-34-14Z>-<preset or workload>.speedup.json,
 * with "-2", "-3"… before the suffix when that name is taken: a new name, never overwriting
 * another file, even one saved at the same moment by another process. Creates DIR on first use.
 * Returns the path. */
char      *sl_history_save (const char      *dir,
                            const SlResult  *result,
                            GError         **error);

typedef struct {
  char           *path;
  char           *error;        /* non-NULL: unreadable (corrupt, truncated, foreign, future
                                   format): the loader's message, for a tooltip; the other
                                   fields then hold only what could be read */
  char           *title;        /* the person's title, or NULL */
  char           *headline;     /* display title: the title, else the preset's or the
                                   workload's; the file name when unreadable. Never NULL */
  char           *preset;       /* nullable */
  char           *workload;     /* NULL only when unreadable */
  char           *created;      /* ISO 8601 UTC; when unreadable, from the file name or else
                                   the time the file was last written */
  gint64          created_unix;
  SlRuntime       runtime;
  GArray         *models;       /* SlModel, in the spec's order; empty when unreadable */
  SlResultStatus  status;
  gboolean        has_best;
  SlModel         best_model;
  guint           best_workers;
  double          best_speedup;
  char           *cpu_model;    /* nullable: the machine, for "what differs" */
  guint           usable_cpus;
} SlHistoryEntry;

/* Reads the headline fields of a result document. Never NULL: a file that cannot be read gives
 * an entry with `error` set. Every text in it is printable (sl_text_make_printable()). */
SlHistoryEntry *sl_history_entry_read (const char *path);
SlHistoryEntry *sl_history_entry_copy (const SlHistoryEntry *entry);
void            sl_history_entry_free (SlHistoryEntry *entry);
/* The entry's ID for `speedup-lab-cli history show ID`: the file name without the suffix. */
char           *sl_history_entry_dup_id (const SlHistoryEntry *entry);

/* Every *.speedup.json in DIR (SlHistoryEntry*), newest first; unreadable files are entries with
 * `error` set. A missing DIR is an empty list; a DIR that cannot be read is an error. */
GPtrArray      *sl_history_list (const char  *dir,
                                 GError     **error);

/* `entries` (SlHistoryEntry*) is borrowed for the call: g_ptr_array_ref() it, or steal the
 * entries, to keep them. */
typedef void (*SlHistoryBatchFunc) (GPtrArray *entries,
                                    gpointer   user_data);

/* Lists DIR on a worker thread: entries are delivered in batches through `batch_func` on the
 * caller's thread-default main context as they are read, newest first as far as the file names
 * allow (the name starts with the date), small enough that a batch never stalls a window, at
 * G_PRIORITY_DEFAULT_IDLE (after a window's redraws). Then `callback` runs, after the last
 * batch. Once `cancellable` is cancelled no batch is delivered
 * any more, so `batch_data` may go away with the cancel. */
void            sl_history_list_async (const char          *dir,
                                       GCancellable        *cancellable,
                                       SlHistoryBatchFunc   batch_func,
                                       gpointer             batch_data,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean        sl_history_list_finish (GAsyncResult  *result,
                                        GError       **error);

/* Stores a title of the person's own in the document at `path`, atomically; NULL or only spaces
 * removes it. Everything else in the document stays as it was. An unreadable document is
 * refused with the loader's message. */
gboolean        sl_history_rename (const char  *path,
                                   const char  *title,
                                   GError     **error);

/* Deletes one experiment: only a *.speedup.json file directly inside the default folder
 * (sl_history_default_dir ()); sl_history_delete_in() names the folder. A symbolic link is
 * removed, never what it points to. */
gboolean        sl_history_delete (const char  *path,
                                   GError     **error);
gboolean        sl_history_delete_in (const char  *dir,
                                      const char  *path,
                                      GError     **error);

/* What a person calls an experiment: the preset's title, else the workload's, else its id. */
const char     *sl_history_workload_title (const char *preset,
                                           const char *workload);

/* The most characters a title may have. */
#define SL_HISTORY_MAX_TITLE 200

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlHistoryEntry, sl_history_entry_free)

G_END_DECLS
