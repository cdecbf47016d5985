/* The radar chart's model: axes, series and font, owned by the radar. In the
 * core, so that a program (and the CLI) can build and read one without
 * loading the PDF back end, which draws it (chart.c). */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "radar.h"
#include "util.h"

int csm_radar_new(csm_radar **out)
{
	CSM__ARGS(out);
	if (!(*out = calloc(1, sizeof **out)))
		return csm__nomem();
	return 0;
}

void csm_radar_free(csm_radar *r)
{
	size_t k;
	int d;
	if (!r)
		return;
	for (d = 0; d < CSM_DIRECTIVES; d++)
		free(r->axis[d]);
	for (k = 0; k < r->count; k++)
		free(r->series[k].label);
	free(r->font_family);
	free(r);
}

/* Replace *field by a copy of `s`. */
static int set_text(char **field, const char *s)
{
	char *t = csm__strdup(s);
	if (!t)
		return csm__nomem();
	free(*field);
	*field = t;
	return 0;
}

int csm_radar_set_axis(csm_radar *r, int d, const char *label)
{
	CSM__ARGS(r && label);
	if (d < 1 || d > CSM_DIRECTIVES)
		return csm__err(CSM_EINVALID, "radar: axis %d is not 1..%d", d, CSM_DIRECTIVES);
	return set_text(&r->axis[d - 1], label);
}

int csm_radar_set_font(csm_radar *r, const char *family)
{
	CSM__ARGS(r && family);
	return set_text(&r->font_family, family);
}

int csm_radar_add_series(csm_radar *r, const char *label, const double value[CSM_DIRECTIVES], csm_radar_style style)
{
	CSM__ARGS(r && label && value);
	csm__radar_series *se;
	if (style < CSM_RADAR_STYLE_AUTO || style > CSM_RADAR_STYLE_OTHER)
		return csm__err(CSM_EINVALID, "radar: series style %d is not a csm_radar_style", (int)style);
	if (r->count == CSM_RADAR_MAX_SERIES)
		return csm__err(CSM_EINVALID, "radar: a radar holds at most %d series", CSM_RADAR_MAX_SERIES);
	se = &r->series[r->count];
	memset(se, 0, sizeof *se);
	if (!(se->label = csm__strdup(label)))
		return csm__nomem();
	memcpy(se->value, value, sizeof se->value);
	se->style = style;
	r->count++;
	return 0;
}

size_t csm_radar_series_count(const csm_radar *r) { return r ? r->count : 0; }

const char *csm_radar_axis(const csm_radar *r, int d)
{
	return r && d >= 1 && d <= CSM_DIRECTIVES ? csm__radar_axis(r, d - 1) : NULL;
}

const char *csm_radar_series_label(const csm_radar *r, size_t k) { return r && k < r->count ? r->series[k].label : NULL; }

csm_radar_style csm_radar_series_style(const csm_radar *r, size_t k)
{
	return r && k < r->count ? r->series[k].style : CSM_RADAR_STYLE_AUTO;
}

int csm_radar_series_value(double *out, const csm_radar *r, size_t k, int d)
{
	CSM__ARGS(out && r);
	if (k >= r->count || d < 1 || d > CSM_DIRECTIVES || r->series[k].value[d - 1] < 0)
		return 0;
	*out = r->series[k].value[d - 1];
	return 1;
}
