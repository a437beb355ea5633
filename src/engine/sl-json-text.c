/* sl-json-text.c: reading untrusted JSON text before any parser does: bounding its nesting and
 * size, and finding members in it without building a tree.
 *
 * A walk that follows strings and nesting only, and knows nothing else of JSON (the parser still
 * checks the rest). json-glib also takes comments and single-quoted strings, inside which a quote
 * or a bracket means nothing to it: the walk stops at the first / or ' outside a string, so that
 * it never counts what the parser would skip, nor skips what the parser would count.
 */
#define G_LOG_DOMAIN "sl-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sl-error.h"
#include "sl-json.h"

typedef struct {
  const char *data;
  gsize       length;
  gsize       offset;        /* of the character next_structural() returned */
  guint       depth;         /* arrays and objects open after it */
  gboolean    unbalanced;    /* it closed more than was open (the depth stays 0) */
  gsize       string_start;  /* the contents of the last string closed: [start, end) */
  gsize       string_end;
  gsize       foreign;       /* where a comment or a single-quoted string began; `length` if none */
  gsize       n_values;      /* what the parser's tree of the text so far will hold (see below) */
} Scanner;

/* The values of a text, counted as json-glib's tree will cost them, at most about 110 bytes
 * each: an element or a member (a comma, a colon: the member's name costs as much as its value)
 * and a list are one, an object is three (its members' table; an empty one costs 300 bytes). */
#define OBJECT_VALUES 3

static void
scanner_init (Scanner    *scanner,
              const char *data,
              gsize       length)
{
  *scanner = (Scanner) { .data = data, .length = length, .offset = (gsize) -1, .foreign = length };
}

/* The next { [ } ] : or , outside a string; '\0' at the end of the text, or where a comment or
 * a single-quoted string begins. */
static char
next_structural (Scanner *scanner)
{
  gboolean in_string = FALSE;

  for (gsize i = scanner->offset + 1; i < scanner->length; i++)
    {
      char c = scanner->data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              scanner->string_end = i;
            }
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          scanner->string_start = i + 1;
          continue;
        case '/':
        case '\'':
          scanner->foreign = i;
          scanner->offset = scanner->length;
          return '\0';
        case '{':
        case '[':
          scanner->depth++;
          scanner->n_values += c == '{' ? OBJECT_VALUES : 1;
          break;
        case '}':
        case ']':
          scanner->unbalanced = scanner->depth == 0;
          if (scanner->depth > 0)
            scanner->depth--;
          break;
        case ',':
        case ':':
          scanner->n_values++;
          break;
        default:
          continue;
        }
      scanner->offset = i;
      return c;
    }

  scanner->offset = scanner->length;
  return '\0';
}

gboolean
sl_json_check_text (const char  *data,
                    gsize        length,
                    guint        max_depth,
                    gsize        max_values,
                    GError     **error)
{
  Scanner scanner;
  char c;

  scanner_init (&scanner, data, length);
  while ((c = next_structural (&scanner)) != '\0')
    {
      if ((c == '[' || c == '{') && scanner.depth > max_depth)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("it nests more than %u levels deep"), max_depth);
          return FALSE;
        }
      if (scanner.n_values > max_values)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("it holds more than %lu values"), (unsigned long) max_values);
          return FALSE;
        }
    }

  if (scanner.foreign < length)
    {
      const char *what = data[scanner.foreign] == '/' ? _("a comment") : _("a single-quoted string");
      guint line = 1;

      for (gsize i = 0; i < scanner.foreign; i++)
        line += data[i] == '\n';
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("line %u holds %s, which JSON does not allow"), line, what);
      return FALSE;
    }

  return TRUE;
}

/* Whether the last string the walk closed, a member's name before ':', is `key`. */
static gboolean
last_string_is (const Scanner *scanner,
                const char    *key)
{
  gsize key_length = strlen (key);

  return scanner->string_end >= scanner->string_start &&
         scanner->string_end - scanner->string_start == key_length &&
         memcmp (scanner->data + scanner->string_start, key, key_length) == 0;
}

gboolean
sl_json_find_top_level_member (const char *data,
                               gsize       length,
                               const char *key,
                               gsize      *start,
                               gsize      *end)
{
  gboolean in_value = FALSE;
  Scanner scanner;
  char c;

  scanner_init (&scanner, data, length);
  while ((c = next_structural (&scanner)) != '\0')
    switch (c)
      {
      case '}':
      case ']':
        if (scanner.unbalanced)
          return FALSE;
        if (in_value && scanner.depth <= 1)
          {
            *end = scanner.depth == 1 ? scanner.offset + 1 : scanner.offset;
            return TRUE;
          }
        break;
      case ':':
        if (scanner.depth == 1 && !in_value && last_string_is (&scanner, key))
          {
            in_value = TRUE;
            *start = scanner.offset + 1;
          }
        break;
      case ',':
        if (in_value && scanner.depth == 1)
          {
            *end = scanner.offset;
            return TRUE;
          }
        break;
      default:
        break;
      }

  return FALSE;
}

/* The walk of sl_json_foreach_element_list(), one structural character at a time. */
typedef enum {
  WALK_OUTSIDE,       /* not in the list */
  WALK_LIST_NEXT,     /* after "list_key":, before its value */
  WALK_IN_LIST,       /* in the list, at element `index` */
  WALK_MEMBER_NEXT,   /* after "key": in an element, before its value */
  WALK_IN_MEMBER,     /* in the member's list, opened at `start` */
} WalkState;

gboolean
sl_json_foreach_element_list (const char        *data,
                              gsize              length,
                              const char        *list_key,
                              const char        *key,
                              SlJsonRangeFunc    func,
                              gpointer           user_data)
{
  WalkState state = WALK_OUTSIDE;
  guint index = 0;
  gsize start = 0;
  Scanner scanner;
  char c;

  g_return_val_if_fail (data != NULL && list_key != NULL && key != NULL, FALSE);

  scanner_init (&scanner, data, length);
  while ((c = next_structural (&scanner)) != '\0')
    {
      /* A value that is not a list ends what was expected of it. */
      if (state == WALK_LIST_NEXT)
        state = c == '[' ? WALK_IN_LIST : WALK_OUTSIDE;
      else if (state == WALK_MEMBER_NEXT && c == '[')
        {
          state = WALK_IN_MEMBER;
          start = scanner.offset;
          continue;
        }
      else if (state == WALK_MEMBER_NEXT)
        state = WALK_IN_LIST;

      if (state == WALK_OUTSIDE && c == ':' && scanner.depth == 1 &&
          last_string_is (&scanner, list_key))
        {
          state = WALK_LIST_NEXT;
          index = 0;
        }
      else if (state == WALK_IN_LIST && scanner.depth < 2)
        state = WALK_OUTSIDE;
      else if (state == WALK_IN_LIST && c == ',' && scanner.depth == 2)
        index++;
      else if (state == WALK_IN_LIST && c == ':' && scanner.depth == 3 &&
               last_string_is (&scanner, key))
        state = WALK_MEMBER_NEXT;
      else if (state == WALK_IN_MEMBER && c == ']' && scanner.depth == 3)
        {
          state = WALK_IN_LIST;
          if (!func (index, start, scanner.offset + 1, user_data))
            return FALSE;
        }
    }

  return TRUE;
}
