/* sl-export-dialog.h: what an export writes, asked before the file chooser: the format, the
 * size in logical pixels, the scale of a PNG and the colours, with the output's size said in a
 * caption, or the reason it cannot be written (Export… is off then).
 *
 * The dialog does not export: "export" says Export… was pressed, and whoever opened it reads
 * the choices, opens the file chooser and closes the dialog. Cancel and Escape close it. */
#pragma once

#include <adwaita.h>

#include "sl-chart-view.h"

G_BEGIN_DECLS

#define SL_TYPE_EXPORT_DIALOG (sl_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SlExportDialog, sl_export_dialog, SL, EXPORT_DIALOG, AdwWindow)

/* Modal, transient for `parent`; `width` × `height` are the chart's size on screen, which the
 * size starts at (SL_CHART_DEFAULT_WIDTH × _HEIGHT where 0 or less, within the limits). */
SlExportDialog     *sl_export_dialog_new         (GtkWindow          *parent,
                                                  int                 width,
                                                  int                 height);
SlChartFormat       sl_export_dialog_get_format  (SlExportDialog     *self);
void                sl_export_dialog_set_format  (SlExportDialog     *self,
                                                  SlChartFormat       format);
/* The size as typed, in logical pixels (PDF points), valid or not. */
int                 sl_export_dialog_get_width   (SlExportDialog     *self);
void                sl_export_dialog_set_width   (SlExportDialog     *self,
                                                  int                 width);
int                 sl_export_dialog_get_height  (SlExportDialog     *self);
void                sl_export_dialog_set_height  (SlExportDialog     *self,
                                                  int                 height);
/* The scale the export uses: the 1× or 2× chosen for a PNG, always 1 for SVG and PDF, which
 * are vector drawings (a scale would only make their page larger). The choice is kept, so that
 * going back to PNG finds it again. */
double              sl_export_dialog_get_scale   (SlExportDialog     *self);
/* 1 or 2. */
void                sl_export_dialog_set_scale   (SlExportDialog     *self,
                                                  double              scale);
SlChartExportTheme  sl_export_dialog_get_theme   (SlExportDialog     *self);
void                sl_export_dialog_set_theme   (SlExportDialog     *self,
                                                  SlChartExportTheme  theme);
/* Why the choices cannot be exported ("Chart size 50×800 is out of range: …"); NULL when they
 * can, and Export… is on. */
const char         *sl_export_dialog_get_problem (SlExportDialog     *self);
/* What the caption under the choices says now: the output's size, or the problem. */
const char         *sl_export_dialog_get_caption (SlExportDialog     *self);

G_END_DECLS
