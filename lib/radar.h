/* The radar chart's model (radar.c), shared by the core, which builds and
 * frees it, and the PDF back end (chart.c), which fills it from an analysis
 * and draws it. */
#ifndef CSM_RADAR_H
#define CSM_RADAR_H

#include "csm.h"

typedef struct csm__radar_series {
	char *label; /* never NULL */
	double value[CSM_DIRECTIVES];
	csm_radar_style style;
} csm__radar_series;

struct csm_radar {
	char *axis[CSM_DIRECTIVES]; /* NULL: no label */
	csm__radar_series series[CSM_RADAR_MAX_SERIES];
	size_t count;
	char *font_family; /* NULL: IPAexGothic */
};

/* Axis i's (0..9) label, "" for none. */
static inline const char *csm__radar_axis(const csm_radar *r, int i) { return r->axis[i] ? r->axis[i] : ""; }

/* csm_radar_from_analysis(), with the industry's series labelled just
 * "Industry average" when `short_labels` (the page names the industry). */
int csm__radar_fill(csm_radar **out, const csm_analysis *an, csm_lang lang, int short_labels);

#endif
