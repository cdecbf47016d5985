/* libpq, loaded only when a postgresql:// URL is opened (pg_dl.c).
 *
 * db.c calls the PQ functions by their usual names; this header turns each
 * name into a call through a table that csm__pg_load() fills, either with
 * libpq's own functions (CSM_PG_DIRECT: linked at build time) or with the
 * ones of libpq.so.5 opened with dlopen (CSM_PG_LAZY). Without PostgreSQL
 * support (neither) csm__pg_load() says so with CSM_EUNSUPPORTED, and the
 * few libpq types db.c names are declared here so it still compiles. */
#ifndef CSM_PG_DL_H
#define CSM_PG_DL_H

#if defined(CSM_PG_DIRECT) || defined(CSM_PG_LAZY)
#include <libpq-fe.h>
#else
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef enum { CONNECTION_OK, CONNECTION_BAD } ConnStatusType;
typedef enum {
	PGRES_EMPTY_QUERY,
	PGRES_COMMAND_OK,
	PGRES_TUPLES_OK,
	PGRES_SINGLE_TUPLE = 9,
	PGRES_PIPELINE_SYNC = 10
} ExecStatusType;
typedef void (*PQnoticeProcessor)(void *arg, const char *message);
#define PG_DIAG_SQLSTATE 'C'
#endif

/* The libpq functions db.c uses, one field each (X-macro: name, return
 * type, parameters). */
#define CSM__PQ_FUNCTIONS(X)                                                                                    \
	X(PQclear, void, (PGresult * res))                                                                      \
	X(PQcmdTuples, char *, (PGresult * res))                                                                \
	X(PQconnectdb, PGconn *, (const char *conninfo))                                                        \
	X(PQenterPipelineMode, int, (PGconn * conn))                                                            \
	X(PQerrorMessage, char *, (const PGconn *conn))                                                         \
	X(PQexec, PGresult *, (PGconn * conn, const char *query))                                               \
	X(PQexecPrepared, PGresult *,                                                                           \
	  (PGconn * conn, const char *stmtName, int nParams, const char *const *paramValues,                  \
	   const int *paramLengths, const int *paramFormats, int resultFormat))                                 \
	X(PQexitPipelineMode, int, (PGconn * conn))                                                             \
	X(PQfinish, void, (PGconn * conn))                                                                      \
	X(PQgetResult, PGresult *, (PGconn * conn))                                                             \
	X(PQgetisnull, int, (const PGresult *res, int tup_num, int field_num))                                 \
	X(PQgetvalue, char *, (const PGresult *res, int tup_num, int field_num))                               \
	X(PQntuples, int, (const PGresult *res))                                                                \
	X(PQpipelineSync, int, (PGconn * conn))                                                                 \
	X(PQprepare, PGresult *,                                                                                \
	  (PGconn * conn, const char *stmtName, const char *query, int nParams, const unsigned int *paramTypes)) \
	X(PQresultErrorField, char *, (const PGresult *res, int fieldcode))                                    \
	X(PQresultErrorMessage, char *, (const PGresult *res))                                                  \
	X(PQresultStatus, ExecStatusType, (const PGresult *res))                                                \
	X(PQsendPrepare, int,                                                                                   \
	  (PGconn * conn, const char *stmtName, const char *query, int nParams, const unsigned int *paramTypes)) \
	X(PQsendQueryPrepared, int,                                                                             \
	  (PGconn * conn, const char *stmtName, int nParams, const char *const *paramValues,                  \
	   const int *paramLengths, const int *paramFormats, int resultFormat))                                 \
	X(PQsetNoticeProcessor, PQnoticeProcessor, (PGconn * conn, PQnoticeProcessor proc, void *arg))          \
	X(PQsetSingleRowMode, int, (PGconn * conn))                                                             \
	X(PQstatus, ConnStatusType, (const PGconn *conn))

typedef struct csm__pq_api {
#define CSM__PQ_FIELD(name, ret, params) ret(*name) params;
	CSM__PQ_FUNCTIONS(CSM__PQ_FIELD)
#undef CSM__PQ_FIELD
} csm__pq_api;

/* Filled by the first successful csm__pg_load(); read-only afterwards. */
extern csm__pq_api csm__pq;

/* Make csm__pq usable: 0, or CSM_EUNSUPPORTED (with the message) when this
 * csm has no PostgreSQL support or libpq cannot be loaded. Thread-safe. */
int csm__pg_load(void);

#ifndef CSM__PG_DL_IMPL /* pg_dl.c itself names the real functions */
#define PQclear csm__pq.PQclear
#define PQcmdTuples csm__pq.PQcmdTuples
#define PQconnectdb csm__pq.PQconnectdb
#define PQenterPipelineMode csm__pq.PQenterPipelineMode
#define PQerrorMessage csm__pq.PQerrorMessage
#define PQexec csm__pq.PQexec
#define PQexecPrepared csm__pq.PQexecPrepared
#define PQexitPipelineMode csm__pq.PQexitPipelineMode
#define PQfinish csm__pq.PQfinish
#define PQgetResult csm__pq.PQgetResult
#define PQgetisnull csm__pq.PQgetisnull
#define PQgetvalue csm__pq.PQgetvalue
#define PQntuples csm__pq.PQntuples
#define PQpipelineSync csm__pq.PQpipelineSync
#define PQprepare csm__pq.PQprepare
#define PQresultErrorField csm__pq.PQresultErrorField
#define PQresultErrorMessage csm__pq.PQresultErrorMessage
#define PQresultStatus csm__pq.PQresultStatus
#define PQsendPrepare csm__pq.PQsendPrepare
#define PQsendQueryPrepared csm__pq.PQsendQueryPrepared
#define PQsetNoticeProcessor csm__pq.PQsetNoticeProcessor
#define PQsetSingleRowMode csm__pq.PQsetSingleRowMode
#define PQstatus csm__pq.PQstatus
#endif

#endif
