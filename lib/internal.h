/* Internal declarations shared by the modules of libcsm; not installed. */
#ifndef CSM_INTERNAL_H
#define CSM_INTERNAL_H

#include "error.h"
#include "util.h"
#include "messages.h"
#include "json.h"
#include "benchmark.h"
#include "benchmark_write.h"
#include "industries.h"
#include "tips.h"
#include "aggregate.h"
#include "questionnaire.h"
#include "csf.h"
#include "targets.h"
#include "answers.h"
#include "score.h"
#include "followup.h"
#include "actions.h"
#include "board.h"
#include "analysis.h"
#include "portfolio.h"
#include "radar.h"

#endif
